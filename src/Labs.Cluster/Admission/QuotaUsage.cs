using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Admission;

/// <summary>
/// The quota controller's work: what a namespace's objects use of each resource a quota limits, computed from the store,
/// and keeping <c>status.hard</c> and <c>status.used</c> of every quota up to date.
/// </summary>
internal static class QuotaUsage
{
    /// <summary>The quota's hard limits: <c>status.hard</c> once the quota has a status, as admission reads them.</summary>
    public static ResourceList Hard(JsonObject quota) =>
        ResourceList.Read(quota["status"]?["hard"] is JsonObject hard ? hard : quota["spec"]?["hard"]);

    /// <summary>
    /// What the objects in <paramref name="ns"/> that the quota's scopes select use of each resource in its spec (zero
    /// included); with <paramref name="only"/>, just the resources that evaluator measures.
    /// </summary>
    public static ResourceList Compute(IObjectStore store, string ns, JsonObject quota, DateTimeOffset now, QuotaEvaluator? only = null)
    {
        var hard = ResourceList.Read(quota["spec"]?["hard"]).Keys.ToList();
        var scopes = QuotaScope.Of(quota);
        var used = new ResourceList();
        foreach (var evaluator in only is null ? QuotaRegistry.Tracking(hard) : [only])
        {
            var names = evaluator.MatchingResources(hard);
            var total = new ResourceList();
            foreach (var name in names)
            {
                total[name] = default;
            }

            foreach (var item in store.List(evaluator.Resource, ns).Items)
            {
                if (scopes.All(scope => evaluator.MatchesScope(scope, item)))
                {
                    total = total.Plus(evaluator.Usage(item, now));
                }
            }

            used = used.Plus(total.Mask(names));
        }

        return used;
    }

    /// <summary>
    /// Brings the status of the quotas in <paramref name="ns"/> up to date after a write of <paramref name="written"/>
    /// (only quotas that limit that type are recomputed).
    /// </summary>
    public static void Refresh(IObjectStore store, string ns, GroupResource written, DateTimeOffset now)
    {
        var evaluator = QuotaRegistry.For(written);
        if (evaluator is null && written != QuotaRegistry.ResourceQuotas)
        {
            return;
        }

        foreach (var quota in store.List(QuotaRegistry.ResourceQuotas, ns).Items)
        {
            var hard = ResourceList.Read(quota["spec"]?["hard"]);
            if (written != QuotaRegistry.ResourceQuotas && evaluator!.MatchingResources(hard.Keys).Count == 0)
            {
                continue;
            }

            // A write of one type changes only what that type's evaluator measures; the rest of the last count stands.
            var used = written == QuotaRegistry.ResourceQuotas || quota["status"]?["used"] is not JsonObject last
                ? Compute(store, ns, quota, now)
                : ResourceList.Read(last).Mask(hard.Keys).Merge(Compute(store, ns, quota, now, evaluator));
            var status = new JsonObject();
            if (hard.Count > 0)
            {
                status["hard"] = hard.ToJson();
                status["used"] = used.ToJson();
            }

            if (!JsonNode.DeepEquals(quota["status"], status))
            {
                quota["status"] = status;
                store.UpdateStatus(QuotaRegistry.ResourceQuotas, ns, quota);
            }
        }
    }
}
