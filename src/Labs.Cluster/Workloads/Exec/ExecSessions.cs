using System.Collections.Concurrent;

namespace Labs.Cluster.Workloads.Exec;

/// <summary>Every sandboxed process that is running, by pod uid, so deleting a pod or stopping the cluster kills them.</summary>
internal sealed class ExecSessions
{
    private readonly ConcurrentDictionary<ISandboxProcess, string> _processes = new();

    public void Add(string podUid, ISandboxProcess process) => _processes[process] = podUid;

    public void Remove(ISandboxProcess process) => _processes.TryRemove(process, out _);

    public void KillPod(string podUid)
    {
        foreach (var (process, uid) in _processes)
        {
            if (uid == podUid)
            {
                process.Kill();
            }
        }
    }

    /// <summary>SIGTERM to every process of a pod; the task completes when they have all exited.</summary>
    public Task TerminatePod(string podUid)
    {
        var exits = new List<Task>();
        foreach (var (process, uid) in _processes)
        {
            if (uid == podUid)
            {
                process.Terminate();
                exits.Add(process.WaitForExitAsync());
            }
        }

        return Task.WhenAll(exits);
    }

    public void KillAll()
    {
        foreach (var process in _processes.Keys)
        {
            process.Kill();
        }
    }
}
