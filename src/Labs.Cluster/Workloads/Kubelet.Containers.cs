using System.Text.Json.Nodes;
using Labs.Cluster.Workloads.Attach;

namespace Labs.Cluster.Workloads;

/// <summary>
/// The containers of a started pod in its status (real ones and simulated ones, see <see cref="ContainerRuntime"/>,
/// with their probes): their own states, and the pod's phase and conditions as the kubelet derives them.
/// </summary>
internal sealed partial class Kubelet
{
    /// <summary>
    /// Updates <paramref name="status"/> from the pod's regular containers, its sidecars and its ephemeral containers
    /// (real and simulated) and their probes: a failed liveness or startup probe stops the run (the Killing event), and
    /// readiness decides whether a container is ready. Once every regular container has finished for good, the
    /// sidecars are stopped and the pod ends. Returns when to look again, if ever (a back-off's end); a probe whose
    /// result changes calls <paramref name="lookAgain"/>, as does a real container's exit.
    /// </summary>
    private TimeSpan? SyncContainers(JsonObject pod, JsonObject status, Action lookAgain)
    {
        var podIp = status.Str("podIP") ?? "";
        TimeSpan? wake = null;
        void Later(TimeSpan? next) => wake = Sooner(wake, next);
        var statuses = new JsonArray();
        foreach (var container in pod.Arr("spec", "containers").Objects())
        {
            statuses.Add(SyncContainer(pod, container, ContainerKind.Regular, ContainerKinds.RestartPolicy(pod, ContainerKind.Regular), podIp, lookAgain, Later));
        }

        status["containerStatuses"] = statuses;
        var finished = statuses.Count > 0 && statuses.Objects().All(s => s.At("state", "terminated") is not null);
        SyncInitContainers(pod, status, starting: null, podFinished: finished, lookAgain, Later);
        var ephemeral = pod.Arr("spec", "ephemeralContainers").Objects().ToList();
        if (ephemeral.Count > 0)
        {
            var ephemeralStatuses = new JsonArray();
            foreach (var container in ephemeral)
            {
                var sync = runtime.Sync(pod, container, ContainerKind.Ephemeral, ContainerKinds.RestartPolicy(pod, ContainerKind.Ephemeral), lookAgain);
                RecordRun(pod, container, ContainerKind.Ephemeral, sync);
                ephemeralStatuses.Add(sync.Status);
                Later(sync.Wake);
            }

            status["ephemeralContainerStatuses"] = ephemeralStatuses;
        }

        // getPhase: every regular container terminated → Succeeded when all exited 0, else Failed; but not while a
        // sidecar still runs (the kubelet keeps the phase until nothing runs).
        if (finished && !SidecarsRunning(status))
        {
            status["phase"] = statuses.Objects().All(s => s.Long("state", "terminated", "exitCode") == 0) ? "Succeeded" : "Failed";
        }
        else
        {
            status["phase"] = "Running";
        }

        SetConditions(pod, status);
        return wake;
    }

    /// <summary>
    /// One sync of a regular container or a sidecar with its probes: its status with <c>ready</c> and <c>started</c>
    /// as the prober says, after the events of a new run or a back-off.
    /// </summary>
    private JsonObject SyncContainer(JsonObject pod, JsonObject container, ContainerKind kind, string restartPolicy, string podIp, Action lookAgain,
        Action<TimeSpan?> later)
    {
        var sync = runtime.Sync(pod, container, kind, restartPolicy, lookAgain, podIp);
        var health = probes.Sync(pod, container, sync.Status, podIp, lookAgain);
        if (health.FailedProbe is { } probe)
        {
            Stop(pod, container, probe, restartPolicy);
            var again = runtime.Sync(pod, container, kind, restartPolicy, lookAgain, podIp);
            RecordRun(pod, container, kind, sync);
            sync = again;
            health = probes.Sync(pod, container, sync.Status, podIp, lookAgain);
        }

        var status = sync.Status;
        status["ready"] = health.Ready;
        status["started"] = health.Started;
        RecordRun(pod, container, kind, sync);
        later(sync.Wake);
        return status;
    }

    // A failed liveness or startup probe: the kubelet's Killing event, then the run is stopped (SIGTERM, and SIGKILL
    // after the probe's or the pod's grace period).
    private void Stop(JsonObject pod, JsonObject container, string probe, string restartPolicy)
    {
        var name = container.Str("name") ?? "";
        var restarts = restartPolicy != "Never";
        events.Normal(pod, "Killing", $"Container {name} failed {probe} probe{(restarts ? ", will be restarted" : "")}",
            new EventRecorder.Source("kubelet", pod.Str("spec", "nodeName")), FieldPath(pod, name));
        var grace = container.Long(probe + "Probe", "terminationGracePeriodSeconds") ?? pod.Long("spec", "terminationGracePeriodSeconds") ?? 30;
        runtime.Kill(pod, name, TimeSpan.FromSeconds(Math.Max(0, grace)), restartPolicy);
    }

    /// <summary>
    /// The kubelet's events as a container goes round its runs: for a run started now, Pulled on a restart (the image
    /// is already there; not for pull policy Always), Created, and Started or, when it could not start (StartError),
    /// the Failed warning with its error; BackOff while a restart waits (CrashLoopBackOff), compared with the status
    /// the pod had.
    /// </summary>
    private void RecordRun(JsonObject pod, JsonObject container, ContainerKind kind, ContainerSync sync)
    {
        var now = sync.Status;
        var name = now.Str("name") ?? "";
        var node = new EventRecorder.Source("kubelet", pod.Str("spec", "nodeName"));
        var fieldPath = FieldPath(pod, name);
        if (sync.NewRun)
        {
            var image = container.Str("image") ?? "";
            if (now.Long("restartCount") > 0 && (container.Str("imagePullPolicy") ?? Schema.ObjectDefaults.PullPolicyFor(image)) != "Always")
            {
                events.Normal(pod, "Pulled", $"Container image \"{image}\" already present on machine", node, fieldPath);
            }

            events.Normal(pod, "Created", $"Created container: {name}", node, fieldPath);
            if (now.Obj("state", "terminated") is { } terminated && terminated.Str("reason") == "StartError")
            {
                events.Warning(pod, "Failed", $"Error: {terminated.Str("message")}", node, fieldPath);
            }
            else
            {
                events.Normal(pod, "Started", $"Started container {name}", node, fieldPath);
            }
        }

        var field = kind switch
        {
            ContainerKind.Regular => "containerStatuses",
            ContainerKind.Ephemeral => "ephemeralContainerStatuses",
            _ => "initContainerStatuses",
        };
        var before = pod.Arr("status", field).Objects().FirstOrDefault(c => c.Str("name") == name);
        if (now.Str("state", "waiting", "reason") == "CrashLoopBackOff" &&
            (before?.Str("state", "waiting", "reason") != "CrashLoopBackOff" || before.Long("restartCount") != now.Long("restartCount")))
        {
            events.Warning(pod, "BackOff", $"Back-off restarting failed container {name} in pod {pod.Name()}_{pod.Namespace()}({pod.Uid()})", node, fieldPath);
        }
    }

    /// <summary>The field path of a pod's container in its events: <c>spec.containers{web}</c>, <c>spec.initContainers{setup}</c>, ...</summary>
    internal static string FieldPath(JsonObject pod, string container)
    {
        foreach (var field in (string[])["containers", "initContainers", "ephemeralContainers"])
        {
            if (pod.Arr("spec", field).Objects().Any(c => c.Str("name") == container))
            {
                return $"spec.{field}{{{container}}}";
            }
        }

        return $"spec.containers{{{container}}}";
    }
}
