using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads;

/// <summary>
/// A pod's graceful termination, as the kubelet's killPod: its processes get SIGTERM, whatever is left at the end of the
/// grace period SIGKILL, and once nothing runs the kubelet deletes the pod for good (grace period 0).
/// </summary>
internal sealed partial class Kubelet
{
    private readonly Dictionary<string, (DateTimeOffset Deadline, Task Stopped)> _stopping = new(StringComparer.Ordinal);

    /// <summary>
    /// Takes a pod being deleted one step further; returns when to look again (the grace period's end), or null when
    /// it is done or waits for its processes, whose exit calls <paramref name="lookAgain"/>.
    /// </summary>
    public TimeSpan? Terminate(JsonObject pod, Action lookAgain)
    {
        if (nodes.IndexOf(pod.Str("spec", "nodeName")) == 0)
        {
            return null; // No kubelet runs it: it stays Terminating, as behind a node that is gone.
        }

        var uid = pod.Uid();
        var now = time.GetUtcNow();
        var grace = TimeSpan.FromSeconds(Math.Max(0, pod.Long("metadata", "deletionGracePeriodSeconds") ?? 0));
        if (!_stopping.TryGetValue(uid, out var stopping))
        {
            stopping = (now + grace, sessions.TerminatePod(uid));
            _ = stopping.Stopped.ContinueWith(_ => lookAgain(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        else if (now + grace < stopping.Deadline)
        {
            // A later delete shortened the grace period.
            stopping = stopping with { Deadline = now + grace };
        }

        _stopping[uid] = stopping;
        if (!stopping.Stopped.IsCompleted)
        {
            if (now < stopping.Deadline)
            {
                return stopping.Deadline - now;
            }

            sessions.KillPod(uid);
            return null;
        }

        _stopping.Remove(uid);
        if (store.Get(WorkloadResources.Pods, pod.Namespace(), pod.Name()) is { } current && current.Uid() == uid)
        {
            store.Delete(WorkloadResources.Pods, pod.Namespace(), pod.Name(), gracePeriodSeconds: 0);
        }

        return null;
    }
}
