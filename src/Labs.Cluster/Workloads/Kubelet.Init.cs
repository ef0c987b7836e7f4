using System.Text.Json.Nodes;
using Labs.Cluster.Workloads.Attach;
using Labs.Cluster.Workloads.Isolation;

namespace Labs.Cluster.Workloads;

/// <summary>
/// A pod's init containers, as the kubelet runs them: one at a time in order, each to a successful exit before the
/// next starts (retried with the back-off unless the pod's restartPolicy is Never, when a failure fails the pod), and
/// sidecars (<c>restartPolicy: Always</c>), each of which only has to have started, then runs beside the regular
/// containers, is restarted whenever it stops, and is stopped once they have finished.
/// </summary>
internal sealed partial class Kubelet
{
    /// <summary>
    /// Takes the pod's init containers one step on and writes their statuses into <paramref name="status"/>; true when
    /// the pod is initialized (every init container has succeeded and every sidecar has started). While the pod starts
    /// (<paramref name="starting"/> is its sandbox), each container's image is pulled and its configuration checked
    /// when its turn comes, and the containers after the one that waits show <c>PodInitializing</c>; once it runs,
    /// only the sidecars still do anything. <paramref name="failed"/> is set when an init container failed for good.
    /// </summary>
    private bool SyncInitContainers(JsonObject pod, JsonObject status, PodSandbox? starting, bool podFinished, Action lookAgain, Action<TimeSpan?> later)
        => SyncInitContainers(pod, status, starting, podFinished, lookAgain, later, out _);

    private bool SyncInitContainers(JsonObject pod, JsonObject status, PodSandbox? starting, bool podFinished, Action lookAgain, Action<TimeSpan?> later,
        out bool failed)
    {
        failed = false;
        var inits = pod.Arr("spec", "initContainers").Objects().ToList();
        if (inits.Count == 0)
        {
            return true;
        }

        var podIp = status.Str("podIP") ?? "";
        var node = new EventRecorder.Source("kubelet", pod.Str("spec", "nodeName"));
        var statuses = new JsonArray();
        var waitingFor = false;
        foreach (var container in inits)
        {
            var name = container.Str("name") ?? "";
            var sidecar = ContainerKinds.IsSidecar(container);
            var kind = sidecar ? ContainerKind.Sidecar : ContainerKind.Init;
            if (waitingFor && starting is not null)
            {
                statuses.Add(WaitingStatus(container, "PodInitializing", null));
                continue;
            }

            if (starting is not null && Blocked(pod, container, starting, node, later) is { } blocked)
            {
                statuses.Add(blocked);
                waitingFor = true;
                continue;
            }

            var policy = ContainerKinds.RestartPolicy(pod, kind);
            if (sidecar && (podFinished || failed))
            {
                policy = "Never";
                StopSidecar(pod, container, node);
            }

            var containerStatus = SyncContainer(pod, container, kind, policy, podIp, lookAgain, later);
            var terminated = containerStatus.Obj("state", "terminated");
            if (!sidecar)
            {
                // A regular init container is ready once it has succeeded, and never "started" in the prober's sense.
                containerStatus["ready"] = terminated?.Long("exitCode") == 0;
                containerStatus["started"] = containerStatus.At("state", "running") is not null;
            }

            statuses.Add(containerStatus);
            if (sidecar ? containerStatus["started"]?.GetValue<bool>() != true : terminated?.Long("exitCode") != 0)
            {
                waitingFor = true;
                failed |= !sidecar && terminated is not null && policy == "Never";
            }
        }

        status["initContainerStatuses"] = statuses;
        return !waitingFor;
    }

    /// <summary>
    /// Why an init container cannot be created yet, as its waiting status: its image is not there (ErrImagePull, ...),
    /// or its mounts or environment cannot be made (CreateContainerConfigError, with the kubelet's Failed event).
    /// </summary>
    private JsonObject? Blocked(JsonObject pod, JsonObject container, PodSandbox sandbox, EventRecorder.Source node, Action<TimeSpan?> later)
    {
        var name = container.Str("name") ?? "";
        if (runtime.Find(pod.Uid(), name) is not null || pod.Arr("status", "initContainerStatuses").Objects().Any(s => s.Str("name") == name && s.Str("containerID") is not null))
        {
            return null; // It ran before: its image is there and its configuration was good.
        }

        var since = _pendingSince.GetValueOrDefault(pod.Uid(), time.GetUtcNow());
        if (images.Ensure(pod, container, FieldPath(pod, name), since) is { } waiting)
        {
            later(waiting.LookAgain);
            return WaitingStatus(container, waiting.Reason, waiting.Message);
        }

        if (ConfigError(pod, container, sandbox) is { } error)
        {
            events.Warning(pod, "Failed", "Error: " + error, node, FieldPath(pod, name));
            later(ConfigRetry);
            return WaitingStatus(container, "CreateContainerConfigError", error);
        }

        return null;
    }

    // The pod's regular containers have finished (or an init container failed for good): a sidecar is stopped, with
    // the kubelet's Killing event, and not restarted.
    private void StopSidecar(JsonObject pod, JsonObject container, EventRecorder.Source node)
    {
        var name = container.Str("name") ?? "";
        runtime.StopRestarting(pod, name);
        var grace = pod.Long("spec", "terminationGracePeriodSeconds") ?? 30;
        if (runtime.Kill(pod, name, TimeSpan.FromSeconds(Math.Max(0, grace)), "Never"))
        {
            events.Normal(pod, "Killing", $"Stopping container {name}", node, FieldPath(pod, name));
        }
    }

    private static bool SidecarsRunning(JsonObject status) =>
        status.Arr("initContainerStatuses").Objects().Any(s => s.At("state", "running") is not null);
}
