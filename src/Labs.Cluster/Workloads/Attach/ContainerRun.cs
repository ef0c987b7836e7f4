using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads.Attach;

/// <summary>
/// What the kubelet knows of one container: its process when it runs for real, or since when it runs when simulated
/// (with its log), its restarts and how it ended.
/// </summary>
internal sealed class ContainerRun
{
    /// <summary>The running process, or null between runs and once it is over.</summary>
    public volatile ContainerProcess? Process;

    /// <summary>Since when a simulated container's current run runs, or null when it is not running.</summary>
    public DateTimeOffset? SimulatedSince { get; set; }

    /// <summary>The log of a simulated container's current run (its start-up lines and access log).</summary>
    public ContainerLog? SimulatedLog { get; set; }

    /// <summary>When a simulated run ends by itself, and how (a load generator over its memory limit is OOMKilled).</summary>
    public (DateTimeOffset At, int ExitCode, string Reason)? SimulatedEnd { get; set; }

    /// <summary>The pod's count of OOM kills when the current real run started, to tell an OOM kill from another SIGKILL.</summary>
    public long? OomKillsAtStart { get; set; }

    /// <summary>Whether the current run is being stopped (a failed liveness or startup probe, the pod's end).</summary>
    public bool Killing { get; set; }

    /// <summary>The restart policy that holds once the run being stopped has ended.</summary>
    public string? KillPolicy { get; set; }

    /// <summary>When the current run started, whether real or simulated; null when nothing runs.</summary>
    public DateTimeOffset? RunningSince => Process?.StartedAt ?? SimulatedSince;

    /// <summary>How often the container was started (the first start and every restart).</summary>
    public int Starts { get; set; }

    /// <summary>How often the container was restarted.</summary>
    public int RestartCount => Math.Max(0, Starts - 1);

    /// <summary>The <c>terminated</c> state of the run before this one (the status's lastState).</summary>
    public JsonObject? LastTerminated { get; set; }

    /// <summary>The <c>terminated</c> state once the container will not run again.</summary>
    public JsonObject? Terminated { get; set; }

    /// <summary>Until when a restart waits (CrashLoopBackOff).</summary>
    public DateTimeOffset? BackoffUntil { get; set; }

    /// <summary>The log of the last run that ended, for <c>kubectl logs</c> after it.</summary>
    public byte[]? LastLog { get; set; }
}
