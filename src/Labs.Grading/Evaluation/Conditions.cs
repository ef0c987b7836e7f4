using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Content.Checks;

namespace Labs.Grading.Evaluation;

/// <summary>
/// The conditions of <see cref="WaitCondition"/> as functions of the live objects, with the rules kubectl uses
/// (<c>kubectl wait --for=condition=Ready</c>, <c>kubectl rollout status</c>, <c>kubectl wait --for=condition=complete</c>).
/// </summary>
internal static class Conditions
{
    public static ConditionState Evaluate(WaitCondition condition, string kind, JsonObject obj) => (condition, kind) switch
    {
        (WaitCondition.Ready, _) => PodReady(obj),
        (WaitCondition.Complete, _) => JobComplete(obj),
        (WaitCondition.RolledOut, "StatefulSet") => StatefulSetRolledOut(obj),
        (WaitCondition.RolledOut, "DaemonSet") => DaemonSetRolledOut(obj),
        _ => DeploymentRolledOut(obj),
    };

    /// <summary>Ready endpoints of a Service from its EndpointSlices (an endpoint whose ready condition is unset counts as ready).</summary>
    public static ConditionState Endpoints(IReadOnlyList<JsonObject> slices, int wanted)
    {
        var ready = new JsonArray();
        var notReady = 0;
        foreach (var endpoint in slices.SelectMany(s => (s["endpoints"] as JsonArray ?? []).OfType<JsonObject>()))
        {
            var isReady = endpoint["conditions"]?["ready"]?.GetValueKind() != System.Text.Json.JsonValueKind.False;
            foreach (var address in (endpoint["addresses"] as JsonArray ?? []).OfType<JsonValue>())
            {
                if (isReady)
                    ready.Add(address.DeepClone());
                else
                    notReady++;
            }
        }
        var state = $"{ready.Count} ready endpoint{(ready.Count == 1 ? "" : "s")}{(notReady > 0 ? $" and {notReady} not ready" : "")}";
        return new ConditionState(ready.Count >= wanted, false, state, new JsonObject { ["readyAddresses"] = ready, ["notReady"] = notReady });
    }

    private static ConditionState PodReady(JsonObject pod)
    {
        var status = pod["status"] as JsonObject;
        var phase = Text(status?["phase"]) ?? "Pending";
        var ready = Condition(status, "Ready");
        var waiting = (status?["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(c => c["state"]?["waiting"]?["reason"] is { } reason ? $"{Text(c["name"])}: {Text(reason)}" : null)
            .Where(w => w is not null).ToList();
        var detail = ready is null ? "no Ready condition yet" : $"Ready is {Text(ready["status"])}{Reason(ready)}";
        var state = $"phase {phase}, {detail}{(waiting.Count > 0 ? $"; waiting: {string.Join(", ", waiting)}" : "")}";
        var final = phase is "Succeeded" or "Failed";
        return new ConditionState(Text(ready?["status"]) == "True", final, state, new JsonObject { ["phase"] = phase, ["conditions"] = status?["conditions"]?.DeepClone() });
    }

    private static ConditionState JobComplete(JsonObject job)
    {
        var status = job["status"] as JsonObject;
        var complete = Condition(status, "Complete");
        var failed = Condition(status, "Failed");
        var counts = $"{Number(status?["succeeded"])} succeeded, {Number(status?["failed"])} failed, {Number(status?["active"])} active";
        if (Text(failed?["status"]) == "True")
            return new ConditionState(false, true, $"the Job failed{Reason(failed!)} ({counts})", status?.DeepClone());
        return new ConditionState(Text(complete?["status"]) == "True", false, counts, status?.DeepClone());
    }

    private static ConditionState DeploymentRolledOut(JsonObject deployment)
    {
        var status = deployment["status"] as JsonObject;
        var wanted = Number(deployment["spec"]?["replicas"], 1);
        var updated = Number(status?["updatedReplicas"]);
        var total = Number(status?["replicas"]);
        var available = Number(status?["availableReplicas"]);
        var found = new JsonObject { ["replicas"] = wanted, ["updatedReplicas"] = updated, ["replicas (in status)"] = total, ["availableReplicas"] = available };
        if (Number(deployment["metadata"]?["generation"]) > Number(status?["observedGeneration"]))
            return new ConditionState(false, false, "the controller has not seen the latest change yet", found);
        var progressing = Condition(status, "Progressing");
        if (Text(progressing?["reason"]) == "ProgressDeadlineExceeded")
            return new ConditionState(false, true, $"the rollout stalled{Reason(progressing!)}", found);
        var state = $"{updated} of {wanted} replicas updated, {available} available, {total - updated} old";
        return new ConditionState(updated >= wanted && total <= updated && available >= updated, false, state, found);
    }

    private static ConditionState StatefulSetRolledOut(JsonObject set)
    {
        var status = set["status"] as JsonObject;
        var wanted = Number(set["spec"]?["replicas"], 1);
        var updated = Number(status?["updatedReplicas"]);
        var ready = Number(status?["readyReplicas"]);
        var state = $"{updated} of {wanted} replicas updated, {ready} ready";
        return new ConditionState(updated >= wanted && ready >= wanted, false, state, status?.DeepClone());
    }

    private static ConditionState DaemonSetRolledOut(JsonObject set)
    {
        var status = set["status"] as JsonObject;
        var desired = Number(status?["desiredNumberScheduled"]);
        var updated = Number(status?["updatedNumberScheduled"]);
        var available = Number(status?["numberAvailable"]);
        var state = $"{updated} of {desired} pods updated, {available} available";
        return new ConditionState(updated >= desired && available >= desired, false, state, status?.DeepClone());
    }

    private static JsonObject? Condition(JsonObject? status, string type) =>
        (status?["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => Text(c["type"]) == type);

    private static string Reason(JsonObject condition)
    {
        var reason = Text(condition["reason"]);
        var message = Text(condition["message"]);
        return (reason, message) switch
        {
            (null, null) => "",
            (_, null) => $" ({reason})",
            (null, _) => $" ({message})",
            _ => $" ({reason}: {message})",
        };
    }

    private static string? Text(JsonNode? node) => node is JsonValue value ? value.ToString() : null;

    private static long Number(JsonNode? node, long fallback = 0) =>
        node is JsonValue value && long.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : fallback;
}
