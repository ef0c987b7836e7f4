namespace Labs.Cluster.Workloads;

/// <summary>Settings of the simulated nodes, controllers and kubelet of the embedded cluster.</summary>
public sealed class WorkloadOptions
{
    /// <summary>Number of simulated nodes, named <c>labs-node-1..N</c>. Default 2.</summary>
    public int NodeCount { get; set; } = 2;

    /// <summary>
    /// Required. Directory where pod files live (<c>&lt;DataDirectory&gt;/pods/&lt;uid&gt;/...</c>: volumes and the
    /// learner's home). Never exposed to a sandbox as a whole.
    /// </summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>The bubblewrap executable: a name looked up on PATH or an absolute path. Default <c>bwrap</c>.</summary>
    public string BubblewrapPath { get; set; } = "bwrap";

    /// <summary>The shell used when an exec command names none. Default <c>/bin/bash</c>.</summary>
    public string ShellPath { get; set; } = "/bin/bash";

    /// <summary>
    /// How long a scheduled pod stays Pending (ContainerCreating) before it runs, for realism. Default 0.5 s;
    /// zero makes pods run as soon as they are scheduled.
    /// </summary>
    public TimeSpan PodStartDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// First host uid for pod sandboxes when the platform runs as root (each pod gets one of its own, from a range
    /// no other software uses). Default 1,000,000,000.
    /// </summary>
    public int SandboxFirstUid { get; set; } = 1_000_000_000;

    /// <summary>How many uids from <see cref="SandboxFirstUid"/> pods may use. Default 1,000,000.</summary>
    public int SandboxUidCount { get; set; } = 1_000_000;

    /// <summary>Name of the cgroup under which each pod's cgroup is made. Default <c>labs</c>.</summary>
    public string CgroupParent { get; set; } = "labs";

    /// <summary>
    /// Most processes (and threads) a pod may run at once, as a node's podPidsLimit; a pod's
    /// <c>labs.dev/pids-limit</c> annotation sets its own. Default 1024.
    /// </summary>
    public long PodPidsLimit { get; set; } = 1024;

    /// <summary>Size of a pod's storage (home and /tmp) when its containers set no ephemeral-storage limit. Default 1 GiB.</summary>
    public long DefaultPodStorageBytes { get; set; } = 1L << 30;

    /// <summary>
    /// The API server's Unix socket, forwarded into every sandbox's own network namespace at
    /// 127.0.0.1:<see cref="ApiServerPort"/>. Default none: sandboxes reach nothing at all.
    /// </summary>
    public string? ApiServerSocket { get; set; }

    /// <summary>The port the API server is forwarded to inside sandboxes (the port of its address on the host).</summary>
    public int ApiServerPort { get; set; }

    /// <summary>
    /// Whether pods share a cluster network (a namespace each on a bridge, pod and Service IPs, NetworkPolicies
    /// enforced) where the machine allows it (root, iproute2, nftables). Default true; off, or where it cannot be made,
    /// each sandboxed process has a network of its own that reaches only the API server.
    /// </summary>
    public bool ClusterNetwork { get; set; } = true;

    /// <summary>
    /// A host directory of extra programs (Helm) bound read-only into every sandbox at <c>/opt/labs/bin</c>, which is on
    /// its PATH. Default: <c>tools</c> beside the platform's assemblies, where the build puts what
    /// <c>scripts/install-helm.sh</c> installed; nothing is bound when the directory does not exist.
    /// </summary>
    public string ToolsDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "tools");
}
