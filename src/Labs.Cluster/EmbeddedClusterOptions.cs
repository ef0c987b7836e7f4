namespace Labs.Cluster;

/// <summary>Settings of an <see cref="EmbeddedCluster"/>.</summary>
public sealed class EmbeddedClusterOptions
{
    /// <summary>
    /// Required. Where the cluster keeps its objects (<c>store/objects.db</c>), CA, tokens, pod files and
    /// <c>admin.kubeconfig</c>. Created when missing; a second cluster cannot use it while one runs.
    /// </summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>HTTPS port on 127.0.0.1. Default 0: an ephemeral port chosen by the OS (read <see cref="EmbeddedCluster.Server"/>).</summary>
    public int Port { get; set; }

    /// <summary>Number of simulated nodes. Default 2.</summary>
    public int NodeCount { get; set; } = 2;

    /// <summary>
    /// Whether to run the simulated controllers, scheduler and kubelet. Default true; tests of the bare API server turn it off.
    /// </summary>
    public bool RunWorkloads { get; set; } = true;

    /// <summary>
    /// Whether pods share a cluster network (pod IPs, Service IPs, a pod's containers on one localhost, NetworkPolicies
    /// enforced) where the machine allows it (root, iproute2, nftables). Default true; off, each sandboxed process
    /// reaches only the API server.
    /// </summary>
    public bool ClusterNetwork { get; set; } = true;

    /// <summary>How often watches with <c>allowWatchBookmarks=true</c> receive a BOOKMARK. Default 30 s.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(30);
}
