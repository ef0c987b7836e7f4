using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads;

/// <summary>The status a pod starts from on its node: waiting for its sandbox, then with its IP and containers.</summary>
internal sealed partial class Kubelet
{
    /// <summary>
    /// The status a pod starts from on its node: every container waiting (ContainerCreating, or PodInitializing for all
    /// of them when the pod has init containers, the kubelet's default waiting reason) until its sync fills it in.
    /// Without <paramref name="podIp"/> the sandbox is not up yet (with <paramref name="message"/>, why); with it, the
    /// pod has its IP and its containers wait for their turn.
    /// </summary>
    private JsonObject StartingStatus(JsonObject pod, int nodeIndex, DateTimeOffset since, string? podIp, string? message = null)
    {
        var started = JsonPaths.Timestamp(since);
        var hasInit = pod.Arr("spec", "initContainers") is { Count: > 0 };
        var status = new JsonObject
        {
            ["conditions"] = BaseConditions(pod, started, sandboxReady: podIp is not null),
            ["containerStatuses"] = Waiting(pod.Arr("spec", "containers"), hasInit ? "PodInitializing" : "ContainerCreating", message),
            ["hostIP"] = NodeRegistrar.InternalIp(nodeIndex),
            ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = NodeRegistrar.InternalIp(nodeIndex) }),
        };
        if (hasInit)
        {
            status["initContainerStatuses"] = Waiting(pod.Arr("spec", "initContainers"), "PodInitializing", null);
        }

        status["phase"] = "Pending";
        if (podIp is not null)
        {
            status["podIP"] = podIp;
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = podIp });
        }

        status["qosClass"] = QosClass(pod);
        status["startTime"] = started;
        SetConditions(pod, status);
        return status;
    }

    private static JsonArray Waiting(JsonArray? containers, string reason, string? message) =>
        [.. (containers ?? []).Objects().Select(c => (JsonNode)WaitingStatus(c, reason, message))];

    /// <summary>The status of a container that has not been created: its image, waiting for <paramref name="reason"/>.</summary>
    private static JsonObject WaitingStatus(JsonObject container, string reason, string? message)
    {
        var (image, _) = ImageReference(container.Str("image"));
        var waiting = new JsonObject();
        if (message is not null)
        {
            waiting["message"] = message;
        }

        waiting["reason"] = reason;
        return new JsonObject
        {
            ["image"] = image,
            ["imageID"] = "",
            ["lastState"] = new JsonObject(),
            ["name"] = container.Str("name"),
            ["ready"] = false,
            ["restartCount"] = 0,
            ["started"] = false,
            ["state"] = new JsonObject { ["waiting"] = waiting },
        };
    }

    // The conditions in the kubelet's order; SetConditions fills in Initialized, Ready and ContainersReady.
    private static JsonArray BaseConditions(JsonObject pod, string at, bool sandboxReady) =>
    [
        Condition("PodReadyToStartContainers", sandboxReady ? "True" : "False", at),
        Condition("Initialized", "False", at),
        Condition("Ready", "False", at),
        Condition("ContainersReady", "False", at),
        Condition("PodScheduled", "True", ScheduledTime(pod) ?? at),
    ];

    private static string? ScheduledTime(JsonObject pod) =>
        pod.Arr("status", "conditions").Objects()
            .FirstOrDefault(c => c.Str("type") == "PodScheduled" && c.Str("status") == "True")?.Str("lastTransitionTime");

    private static JsonObject Condition(string type, string status, string time, string? reason = null, string? message = null)
    {
        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = time,
        };
        if (reason is not null)
        {
            condition["reason"] = reason;
        }

        if (message is not null)
        {
            condition["message"] = message;
        }

        return condition;
    }
}
