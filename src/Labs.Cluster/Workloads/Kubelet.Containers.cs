using System.Text.Json.Nodes;
using Labs.Cluster.Workloads.Attach;

namespace Labs.Cluster.Workloads;

/// <summary>
/// The containers of a running pod in its status (real ones and simulated ones, see <see cref="ContainerRuntime"/>,
/// with their probes): their own states, and the pod's phase and readiness as the kubelet derives them.
/// </summary>
internal sealed partial class Kubelet
{
    /// <summary>
    /// Updates <paramref name="status"/> from the pod's containers (real and simulated) and their probes: a failed
    /// liveness or startup probe stops the run (the Killing event), and readiness decides whether a container is
    /// ready. Returns when to look again, if ever (a back-off's end); a probe whose result changes calls
    /// <paramref name="lookAgain"/>, as does a real container's exit.
    /// </summary>
    private TimeSpan? SyncContainers(JsonObject pod, JsonObject status, Action lookAgain)
    {
        var containers = pod.Arr("spec", "containers").Objects().ToList();
        var ephemeral = pod.Arr("spec", "ephemeralContainers").Objects().ToList();
        var podIp = status.Str("podIP") ?? "";
        TimeSpan? wake = null;
        void Later(TimeSpan? next) => wake = next is { } n && (wake is not { } w || n < w) ? n : wake;
        var statuses = status["containerStatuses"] as JsonArray ?? [];
        for (var i = 0; i < containers.Count && i < statuses.Count; i++)
        {
            var (containerStatus, next) = runtime.Sync(pod, containers[i], ephemeral: false, lookAgain, podIp);
            var health = probes.Sync(pod, containers[i], containerStatus, podIp, lookAgain);
            if (health.FailedProbe is { } probe)
            {
                Stop(pod, containers[i], probe);
                (containerStatus, next) = runtime.Sync(pod, containers[i], ephemeral: false, lookAgain, podIp);
                health = probes.Sync(pod, containers[i], containerStatus, podIp, lookAgain);
            }

            containerStatus["ready"] = health.Ready;
            containerStatus["started"] = health.Started;
            RecordRestart(pod, containers[i], containerStatus);
            statuses[i] = containerStatus;
            Later(next);
        }

        if (ephemeral.Count > 0)
        {
            var ephemeralStatuses = new JsonArray();
            foreach (var container in ephemeral)
            {
                var (containerStatus, next) = runtime.Sync(pod, container, ephemeral: true, lookAgain);
                ephemeralStatuses.Add(containerStatus);
                Later(next);
            }

            status["ephemeralContainerStatuses"] = ephemeralStatuses;
        }

        SetPhaseAndReadiness(status, statuses.Objects().ToList());
        return wake;
    }

    // A failed liveness or startup probe: the kubelet's Killing event, then the run is stopped (SIGTERM, and SIGKILL
    // after the probe's or the pod's grace period).
    private void Stop(JsonObject pod, JsonObject container, string probe)
    {
        var name = container.Str("name") ?? "";
        var restarts = pod.Str("spec", "restartPolicy") != "Never";
        events.Normal(pod, "Killing", $"Container {name} failed {probe} probe{(restarts ? ", will be restarted" : "")}",
            new EventRecorder.Source("kubelet", pod.Str("spec", "nodeName")), $"spec.containers{{{name}}}");
        var grace = container.Long(probe + "Probe", "terminationGracePeriodSeconds") ?? pod.Long("spec", "terminationGracePeriodSeconds") ?? 30;
        runtime.Kill(pod, name, TimeSpan.FromSeconds(Math.Max(0, grace)));
    }

    /// <summary>
    /// The kubelet's events as a container goes round its restarts: Pulled (the image is already there; not for pull
    /// policy Always), Created and Started for each new run, BackOff while a restart waits (CrashLoopBackOff); compared
    /// with the status the pod had.
    /// </summary>
    private void RecordRestart(JsonObject pod, JsonObject container, JsonObject now)
    {
        var name = now.Str("name") ?? "";
        var before = pod.Arr("status", "containerStatuses").Objects().FirstOrDefault(c => c.Str("name") == name);
        var node = new EventRecorder.Source("kubelet", pod.Str("spec", "nodeName"));
        var fieldPath = $"spec.containers{{{name}}}";
        if (before is not null && now.Long("restartCount") > before.Long("restartCount") && now.At("state", "running") is not null)
        {
            var image = container.Str("image") ?? "";
            if ((container.Str("imagePullPolicy") ?? Schema.ObjectDefaults.PullPolicyFor(image)) != "Always")
            {
                events.Normal(pod, "Pulled", $"Container image \"{image}\" already present on machine", node, fieldPath);
            }

            events.Normal(pod, "Created", $"Created container: {name}", node, fieldPath);
            events.Normal(pod, "Started", $"Started container {name}", node, fieldPath);
        }

        if (now.Str("state", "waiting", "reason") == "CrashLoopBackOff" &&
            (before?.Str("state", "waiting", "reason") != "CrashLoopBackOff" || before.Long("restartCount") != now.Long("restartCount")))
        {
            events.Warning(pod, "BackOff", $"Back-off restarting failed container {name} in pod {pod.Name()}_{pod.Namespace()}({pod.Uid()})", node, fieldPath);
        }
    }

    // getPhase: every container terminated → Succeeded when all exited 0, else Failed; otherwise Running.
    private void SetPhaseAndReadiness(JsonObject status, List<JsonObject> statuses)
    {
        var completed = statuses.Count > 0 && statuses.All(s => s.At("state", "terminated") is not null);
        if (completed)
        {
            status["phase"] = statuses.All(s => s.Long("state", "terminated", "exitCode") == 0) ? "Succeeded" : "Failed";
        }

        var notReady = statuses.Where(s => s["ready"]?.GetValue<bool>() != true).Select(s => s.Str("name")).ToList();
        var now = JsonPaths.Timestamp(time.GetUtcNow());
        foreach (var type in (string[])["Ready", "ContainersReady"])
        {
            var (value, reason, message) = completed ? ("False", "PodCompleted", (string?)null)
                : notReady.Count > 0 ? ("False", "ContainersNotReady", $"containers with unready status: [{string.Join(' ', notReady)}]")
                : ("True", null, null);
            var conditions = status["conditions"] as JsonArray ?? [];
            var index = conditions.Objects().ToList().FindIndex(c => c.Str("type") == type);
            var old = index >= 0 ? conditions[index] as JsonObject : null;
            var since = old?.Str("status") == value ? old.Str("lastTransitionTime") ?? now : now;
            var condition = Condition(type, value, since, reason, message);
            if (index >= 0)
            {
                conditions[index] = condition;
            }
        }
    }
}
