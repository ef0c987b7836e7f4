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
}
