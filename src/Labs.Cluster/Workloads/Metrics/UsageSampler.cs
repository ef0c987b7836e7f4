using System.Collections.Concurrent;

namespace Labs.Cluster.Workloads.Metrics;

/// <summary>
/// Turns the CPU time a pod's cgroup has consumed into a rate, as metrics-server does from two scrapes: the rate
/// since the pod's previous reading (at least a second ago), or, at the first reading, since the pod started.
/// Readings are taken only when metrics are asked for; nothing polls.
/// </summary>
internal sealed class UsageSampler(TimeProvider time)
{
    private static readonly TimeSpan MinimumWindow = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, Reading> _last = new(StringComparer.Ordinal);

    /// <summary>The CPU rate in nanocores and the window it was measured over.</summary>
    public (long NanoCores, TimeSpan Window) Rate(string podUid, long cpuNanoseconds, DateTimeOffset started)
    {
        var now = time.GetUtcNow();
        var reading = _last.AddOrUpdate(podUid,
            _ => new Reading(now, cpuNanoseconds, Since(started, now), cpuNanoseconds),
            (_, previous) =>
            {
                var window = now - previous.At;
                if (window < MinimumWindow)
                {
                    return previous;
                }

                return new Reading(now, cpuNanoseconds, window, Math.Max(0, cpuNanoseconds - previous.CpuNanoseconds));
            });
        var seconds = Math.Max(reading.Window.TotalSeconds, MinimumWindow.TotalSeconds);
        return ((long)(reading.Delta / seconds), reading.Window);
    }

    /// <summary>Forgets a pod that is gone.</summary>
    public void Forget(string podUid) => _last.TryRemove(podUid, out _);

    private static TimeSpan Since(DateTimeOffset started, DateTimeOffset now) =>
        now - started > MinimumWindow ? now - started : MinimumWindow;

    private sealed record Reading(DateTimeOffset At, long CpuNanoseconds, TimeSpan Window, long Delta);
}
