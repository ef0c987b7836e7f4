using System.Text.Json.Nodes;
using Labs.Cluster.Workloads.Attach;

namespace Labs.Cluster.Workloads;

/// <summary>A pod's Initialized, ContainersReady and Ready conditions, derived from its containers as the kubelet's status generators do.</summary>
internal sealed partial class Kubelet
{
    /// <summary>
    /// Sets the Initialized, ContainersReady and Ready conditions of <paramref name="status"/> (whose phase and
    /// container statuses are set) as GeneratePodInitializedCondition and GeneratePodReadyCondition do, keeping the
    /// transition time of a condition whose status holds.
    /// </summary>
    private void SetConditions(JsonObject pod, JsonObject status)
    {
        var phase = status.Str("phase");
        var inits = status.Arr("initContainerStatuses").Objects().ToDictionary(s => s.Str("name") ?? "", StringComparer.Ordinal);
        var regular = status.Arr("containerStatuses").Objects().ToDictionary(s => s.Str("name") ?? "", StringComparer.Ordinal);
        var initContainers = pod.Arr("spec", "initContainers").Objects().ToList();
        Set(status, Initialized(pod, initContainers, inits, regular, phase));

        var (ready, reason, message) = ContainersReady(pod, initContainers, inits, regular, phase);
        Set(status, ("ContainersReady", ready, reason, message));
        if (ready == "True" && ReadinessGatesUnmet(pod, status) is { } gates)
        {
            (ready, reason, message) = ("False", "ReadinessGatesNotReady", gates);
        }

        Set(status, ("Ready", ready, reason, message));
    }

    private static (string Type, string Status, string? Reason, string? Message) Initialized(JsonObject pod, List<JsonObject> initContainers,
        Dictionary<string, JsonObject> inits, Dictionary<string, JsonObject> regular, string? phase)
    {
        var unknown = new List<string>();
        var incomplete = new List<string>();
        foreach (var container in initContainers)
        {
            var name = container.Str("name") ?? "";
            if (!inits.TryGetValue(name, out var s))
            {
                unknown.Add(name);
            }
            else if (ContainerKinds.IsSidecar(container) ? !Flag(s, "started") : !Flag(s, "ready"))
            {
                incomplete.Add(name);
            }
        }

        if (phase == "Succeeded" && unknown.Count == 0)
        {
            return ("Initialized", "True", "PodCompleted", null);
        }

        // A regular container that has run means the pod was initialized, even while a sidecar restarts.
        var anyStarted = pod.Arr("spec", "containers").Objects().Any(c =>
            regular.TryGetValue(c.Str("name") ?? "", out var s) && (s.At("state", "running") is not null || s.At("state", "terminated") is not null ||
                                                                     s.Long("restartCount") > 0));
        if (anyStarted || (unknown.Count == 0 && incomplete.Count == 0))
        {
            return ("Initialized", "True", null, null);
        }

        return ("Initialized", "False", "ContainersNotInitialized", Messages(("unknown", unknown), ("incomplete", incomplete)));
    }

    private static (string Status, string? Reason, string? Message) ContainersReady(JsonObject pod, List<JsonObject> initContainers,
        Dictionary<string, JsonObject> inits, Dictionary<string, JsonObject> regular, string? phase)
    {
        var unknown = new List<string>();
        var unready = new List<string>();
        void Check(string name, Dictionary<string, JsonObject> statuses)
        {
            if (!statuses.TryGetValue(name, out var s))
            {
                unknown.Add(name);
            }
            else if (!Flag(s, "ready"))
            {
                unready.Add(name);
            }
        }

        foreach (var container in initContainers.Where(ContainerKinds.IsSidecar))
        {
            Check(container.Str("name") ?? "", inits);
        }

        foreach (var container in pod.Arr("spec", "containers").Objects())
        {
            Check(container.Str("name") ?? "", regular);
        }

        if ((phase == "Succeeded" && unknown.Count == 0) || phase == "Failed")
        {
            return ("False", phase == "Failed" ? "PodFailed" : "PodCompleted", null);
        }

        return Messages(("unknown", unknown), ("unready", unready)) is { } message ? ("False", "ContainersNotReady", message) : ("True", null, null);
    }

    // The pod's readiness gates whose condition is missing or not True, as the kubelet words them; null when all hold.
    private static string? ReadinessGatesUnmet(JsonObject pod, JsonObject status)
    {
        var messages = new List<string>();
        foreach (var gate in pod.Arr("spec", "readinessGates").Objects())
        {
            var type = gate.Str("conditionType") ?? "";
            var condition = status.Arr("conditions").Objects().Concat(pod.Arr("status", "conditions").Objects()).FirstOrDefault(c => c.Str("type") == type);
            if (condition is null)
            {
                messages.Add($"corresponding condition of pod readiness gate \"{type}\" does not exist.");
            }
            else if (condition.Str("status") != "True")
            {
                messages.Add($"the status of pod readiness gate \"{type}\" is not \"True\", but {condition.Str("status")}");
            }
        }

        return messages.Count > 0 ? string.Join(", ", messages) : null;
    }

    private static string? Messages(params (string Kind, List<string> Names)[] groups)
    {
        var parts = groups.Where(g => g.Names.Count > 0).Select(g => $"containers with {g.Kind} status: [{string.Join(' ', g.Names)}]").ToList();
        return parts.Count > 0 ? string.Join(", ", parts) : null;
    }

    private void Set(JsonObject status, (string Type, string Status, string? Reason, string? Message) wanted)
    {
        var conditions = status["conditions"] as JsonArray ?? [];
        var index = conditions.Objects().ToList().FindIndex(c => c.Str("type") == wanted.Type);
        var old = index >= 0 ? conditions[index] as JsonObject : null;
        var now = JsonPaths.Timestamp(time.GetUtcNow());
        var since = old?.Str("status") == wanted.Status ? old.Str("lastTransitionTime") ?? now : now;
        var condition = Condition(wanted.Type, wanted.Status, since, wanted.Reason, wanted.Message);
        if (index >= 0)
        {
            conditions[index] = condition;
        }
    }

    private static bool Flag(JsonObject status, string field) => status[field] is JsonValue v && v.TryGetValue<bool>(out var set) && set;
}
