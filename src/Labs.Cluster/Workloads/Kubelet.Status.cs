using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads;

internal sealed partial class Kubelet
{
    private static JsonObject PendingStatus(JsonObject pod, int nodeIndex, DateTimeOffset since, string waitingReason, string? message)
    {
        var started = JsonPaths.Timestamp(since);
        var scheduled = ScheduledTime(pod) ?? started;
        var containers = new JsonArray();
        foreach (var container in pod.Arr("spec", "containers").Objects())
        {
            var (image, _) = ImageReference(container.Str("image"));
            var waiting = new JsonObject { ["reason"] = waitingReason };
            if (message is not null)
            {
                waiting["message"] = message;
            }

            containers.Add(new JsonObject
            {
                ["image"] = image,
                ["imageID"] = "",
                ["lastState"] = new JsonObject(),
                ["name"] = container.Str("name"),
                ["ready"] = false,
                ["restartCount"] = 0,
                ["started"] = false,
                ["state"] = new JsonObject { ["waiting"] = waiting },
            });
        }

        var notReady = $"containers with unready status: [{string.Join(' ', pod.Arr("spec", "containers").Objects().Select(c => c.Str("name")))}]";
        return new JsonObject
        {
            ["conditions"] = new JsonArray(
                Condition("PodReadyToStartContainers", "False", started),
                Condition("Initialized", "True", started),
                Condition("Ready", "False", started, "ContainersNotReady", notReady),
                Condition("ContainersReady", "False", started, "ContainersNotReady", notReady),
                Condition("PodScheduled", "True", scheduled)),
            ["containerStatuses"] = containers,
            ["hostIP"] = NodeRegistrar.InternalIp(nodeIndex),
            ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = NodeRegistrar.InternalIp(nodeIndex) }),
            ["phase"] = "Pending",
            ["qosClass"] = QosClass(pod),
            ["startTime"] = started,
        };
    }

    private JsonObject RunningStatus(JsonObject pod, int nodeIndex, DateTimeOffset since, string podIp)
    {
        var started = JsonPaths.Timestamp(since);
        var now = JsonPaths.Timestamp(time.GetUtcNow());
        var scheduled = ScheduledTime(pod) ?? started;
        var containers = new JsonArray();
        foreach (var container in pod.Arr("spec", "containers").Objects())
        {
            var (image, imageId) = ImageReference(container.Str("image"));
            containers.Add(new JsonObject
            {
                ["containerID"] = "labs-sim://" + Hex(pod.Uid() + "/" + container.Str("name"), 64),
                ["image"] = image,
                ["imageID"] = imageId,
                ["lastState"] = new JsonObject(),
                ["name"] = container.Str("name"),
                ["ready"] = true,
                ["restartCount"] = 0,
                ["started"] = true,
                ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = now } },
            });
        }

        var status = new JsonObject
        {
            ["conditions"] = new JsonArray(
                Condition("PodReadyToStartContainers", "True", now),
                Condition("Initialized", "True", started),
                Condition("Ready", "True", now),
                Condition("ContainersReady", "True", now),
                Condition("PodScheduled", "True", scheduled)),
            ["containerStatuses"] = containers,
            ["hostIP"] = NodeRegistrar.InternalIp(nodeIndex),
            ["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = NodeRegistrar.InternalIp(nodeIndex) }),
        };
        var initStatuses = InitContainerStatuses(pod, started);
        if (initStatuses.Count > 0)
        {
            status["initContainerStatuses"] = initStatuses;
        }

        status["phase"] = "Running";
        status["podIP"] = podIp;
        status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = podIp });
        status["qosClass"] = QosClass(pod);
        status["startTime"] = started;
        return status;
    }

    private static JsonArray InitContainerStatuses(JsonObject pod, string at)
    {
        var result = new JsonArray();
        foreach (var container in pod.Arr("spec", "initContainers").Objects())
        {
            var (image, imageId) = ImageReference(container.Str("image"));
            var containerId = "labs-sim://" + Hex(pod.Uid() + "/init/" + container.Str("name"), 64);
            result.Add(new JsonObject
            {
                ["containerID"] = containerId,
                ["image"] = image,
                ["imageID"] = imageId,
                ["lastState"] = new JsonObject(),
                ["name"] = container.Str("name"),
                ["ready"] = true,
                ["restartCount"] = 0,
                ["started"] = false,
                ["state"] = new JsonObject
                {
                    ["terminated"] = new JsonObject
                    {
                        ["containerID"] = containerId,
                        ["exitCode"] = 0,
                        ["finishedAt"] = at,
                        ["reason"] = "Completed",
                        ["startedAt"] = at,
                    },
                },
            });
        }

        return result;
    }

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
