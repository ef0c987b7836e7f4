using System.Globalization;
using System.Text.Json.Nodes;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Core;

/// <summary>
/// The READY, STATUS and RESTARTS cells of <c>kubectl get pods</c>, as the apiserver's printPod writes them: init
/// progress (<c>Init:1/2</c>, <c>Init:Error</c>, <c>Init:CrashLoopBackOff</c>), sidecars counted among the containers,
/// the last container's waiting or terminated reason, <c>NotReady</c>, <c>Terminating</c>, and restarts with how long
/// ago the last one was.
/// </summary>
internal static class PodPrinter
{
    /// <summary>The three cells of one pod at <paramref name="now"/>.</summary>
    public static (string Ready, string Status, string Restarts) Cells(JsonObject pod, DateTimeOffset now)
    {
        var reason = S(pod, "status.reason", S(pod, "status.phase"));
        if (Objects(At(pod, "status.conditions")).Any(c => S(c, "type") == "PodScheduled" && S(c, "reason") == "SchedulingGated"))
        {
            reason = "SchedulingGated";
        }

        var initContainers = Objects(At(pod, "spec.initContainers")).ToList();
        var sidecars = initContainers.Where(c => S(c, "restartPolicy") == "Always").Select(c => S(c, "name")).ToHashSet(StringComparer.Ordinal);
        var total = Count(At(pod, "spec.containers")) + sidecars.Count;
        var ready = 0;
        var restarts = 0L;
        var sidecarRestarts = 0L;
        DateTimeOffset? lastRestart = null;
        DateTimeOffset? lastSidecarRestart = null;
        var initializing = false;
        var index = 0;
        foreach (var container in Objects(At(pod, "status.initContainerStatuses")))
        {
            var sidecar = sidecars.Contains(S(container, "name"));
            restarts += L(container, "restartCount");
            var finished = LastFinished(container);
            lastRestart = Later(lastRestart, finished);
            if (sidecar)
            {
                sidecarRestarts += L(container, "restartCount");
                lastSidecarRestart = Later(lastSidecarRestart, finished);
            }

            var terminated = At(container, "state.terminated") as JsonObject;
            if (terminated is not null && L(terminated, "exitCode") == 0)
            {
                index++;
                continue;
            }

            if (sidecar && At(container, "started")?.ToJsonString() == "true")
            {
                ready += At(container, "ready")?.ToJsonString() == "true" ? 1 : 0;
                index++;
                continue;
            }

            var waiting = S(container, "state.waiting.reason");
            reason = terminated is not null
                ? S(terminated, "reason") is { Length: > 0 } why ? "Init:" + why
                : L(terminated, "signal") != 0 ? $"Init:Signal:{L(terminated, "signal")}" : $"Init:ExitCode:{L(terminated, "exitCode")}"
                : waiting.Length > 0 && waiting != "PodInitializing" ? "Init:" + waiting
                : $"Init:{index}/{initContainers.Count}";
            initializing = true;
            break;
        }

        var initialized = Objects(At(pod, "status.conditions")).Any(c => S(c, "type") == "Initialized" && S(c, "status") == "True");
        if (!initializing || initialized)
        {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            var hasRunning = false;
            foreach (var container in Objects(At(pod, "status.containerStatuses")).Reverse())
            {
                restarts += L(container, "restartCount");
                lastRestart = Later(lastRestart, LastFinished(container));
                var terminated = At(container, "state.terminated") as JsonObject;
                if (S(container, "state.waiting.reason") is { Length: > 0 } waiting)
                {
                    reason = waiting;
                }
                else if (terminated is not null)
                {
                    reason = S(terminated, "reason") is { Length: > 0 } why ? why
                        : L(terminated, "signal") != 0 ? $"Signal:{L(terminated, "signal")}" : $"ExitCode:{L(terminated, "exitCode")}";
                }
                else if (At(container, "ready")?.ToJsonString() == "true" && At(container, "state.running") is not null)
                {
                    hasRunning = true;
                    ready++;
                }
            }

            if (reason == "Completed" && hasRunning)
            {
                reason = Objects(At(pod, "status.conditions")).Any(c => S(c, "type") == "Ready" && S(c, "status") == "True") ? "Running" : "NotReady";
            }
        }

        var phase = S(pod, "status.phase");
        if (At(pod, "metadata.deletionTimestamp") is not null)
        {
            reason = S(pod, "status.reason") == "NodeLost" ? "Unknown" : phase is "Succeeded" or "Failed" ? reason : "Terminating";
        }

        var restartText = restarts.ToString(CultureInfo.InvariantCulture);
        if (restarts != 0 && lastRestart is { } last)
        {
            restartText += $" ({Api.HumanDuration.Format(now - last)} ago)";
        }

        return ($"{ready}/{total}", reason, restartText);
    }

    private static DateTimeOffset? LastFinished(JsonObject container) => Workloads.JsonPaths.ParseTimestamp(S(container, "lastState.terminated.finishedAt"));

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
