using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;
using Labs.Cluster.Workloads;

namespace Labs.Cluster.Registry.Policy;

/// <summary>
/// The <c>pods/eviction</c> subresource (pkg/registry/core/pod/storage/eviction.go), what <c>kubectl drain</c> uses: a
/// pod is deleted unless the PodDisruptionBudget that selects it allows no disruption now, which answers 429 with the
/// budget's words. The budget's status is worked out from the pods as the disruption controller does, and the
/// eviction is counted in it.
/// </summary>
internal static class PodEviction
{
    private static readonly GroupResource Pods = new(string.Empty, "pods");
    private static readonly GroupResource Budgets = new("policy", "poddisruptionbudgets");
    private static readonly Lock Charging = new();

    /// <summary>Evicts pod <paramref name="name"/> of <paramref name="ns"/>; <paramref name="eviction"/> is the request's Eviction.</summary>
    public static JsonObject Evict(RegistryStore store, string ns, string name, JsonObject? eviction, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (eviction?["metadata"]?["name"] is JsonValue given && (string?)given is { Length: > 0 } evictionName && evictionName != name)
        {
            throw ApiErrors.BadRequest("name in URL does not match name in Eviction object");
        }

        // kubectl drain evicts a node's pods at once: one eviction at a time reads and charges a budget.
        lock (Charging)
        {
            // The eviction's own DeleteOptions (kubectl drain --grace-period) give the pod's grace period.
            return EvictLocked(store, ns, name, now, Access.JsonFields.Int64(eviction?["deleteOptions"]?["gracePeriodSeconds"]));
        }
    }

    private static JsonObject EvictLocked(RegistryStore store, string ns, string name, DateTimeOffset now, long? gracePeriodSeconds)
    {
        var pod = store.Get(Pods, ns, name) ?? throw ApiErrors.NotFound(Pods, name);
        var phase = (string?)pod["status"]?["phase"];
        if (phase is not ("Succeeded" or "Failed" or "Pending") && !RegistryStore.IsBeingDeleted(pod))
        {
            var budgets = store.List(Budgets, ns).Items.Where(b => Selects(b, pod)).ToList();
            if (budgets.Count > 1)
            {
                throw new ApiException(500, "InternalError", "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
            }

            if (budgets.Count == 1)
            {
                Charge(store, ns, budgets[0], pod, now);
            }
        }

        store.Delete(Pods, ns, name, null, dryRun: false, gracePeriodSeconds);
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["code"] = 201,
        };
    }

    /// <summary>
    /// The status the disruption controller gives a budget: pods it selects, how many are healthy (Ready), how many must
    /// stay healthy (minAvailable, or the selected pods less maxUnavailable), and the disruptions that leaves.
    /// </summary>
    public static JsonObject Status(RegistryStore store, JsonObject budget)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(budget);
        var ns = budget.MetaString("namespace");
        var selected = store.List(Pods, ns).Items.Where(p => Selects(budget, p) && !RegistryStore.IsBeingDeleted(p)).ToList();
        var expected = selected.Count;
        var healthy = selected.Count(IsReady);
        var spec = budget["spec"] as JsonObject ?? [];
        var desired = spec["minAvailable"] is { } min
            ? IntOrPercent.Resolve(min, expected, roundUp: true, fallbackPercent: 0)
            : spec["maxUnavailable"] is { } max ? Math.Max(0, expected - IntOrPercent.Resolve(max, expected, roundUp: true, fallbackPercent: 0)) : expected;
        return new JsonObject
        {
            ["observedGeneration"] = budget["metadata"]?["generation"]?.DeepClone() ?? 1,
            ["disruptionsAllowed"] = Math.Max(0, healthy - desired),
            ["currentHealthy"] = healthy,
            ["desiredHealthy"] = desired,
            ["expectedPods"] = expected,
        };
    }

    private static void Charge(RegistryStore store, string ns, JsonObject budget, JsonObject pod, DateTimeOffset now)
    {
        var status = Status(store, budget);
        var allowed = (int)status["disruptionsAllowed"]!;
        if (allowed <= 0)
        {
            var message = $"The disruption budget {budget.MetaString("name")} needs {(int)status["desiredHealthy"]!} healthy pods and has {(int)status["currentHealthy"]!} currently";
            throw new ApiException(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.", new JsonObject
            {
                ["causes"] = new JsonArray(new JsonObject { ["reason"] = "DisruptionBudget", ["message"] = message }),
            });
        }

        status["disruptionsAllowed"] = allowed - 1;
        status["disruptedPods"] = new JsonObject { [pod.MetaString("name")] = now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) };
        var updated = budget.DeepClone().AsObject();
        updated["status"] = status;
        store.UpdateStatus(Budgets, ns, updated);
    }

    /// <summary>Whether <paramref name="budget"/> selects <paramref name="pod"/>.</summary>
    public static bool Selects(JsonObject budget, JsonObject pod)
    {
        // policy/v1: an empty selector selects every pod of the namespace; an absent one none.
        if (budget["spec"]?["selector"] is not JsonObject selector)
        {
            return false;
        }

        return LabelSelector.Of(selector).Matches(pod);
    }

    private static bool IsReady(JsonObject pod) =>
        (pod["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>().Any(c => (string?)c["type"] == "Ready" && (string?)c["status"] == "True");
}
