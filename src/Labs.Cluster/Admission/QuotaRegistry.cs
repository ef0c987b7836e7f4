using System.Collections.Concurrent;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Admission;

/// <summary>Which evaluator measures which resource type (pkg/quota/v1/install): pods, services and claims have their own, any other type is counted.</summary>
internal static class QuotaRegistry
{
    /// <summary>core/v1 resourcequotas.</summary>
    public static readonly GroupResource ResourceQuotas = new(string.Empty, "resourcequotas");

    /// <summary>core/v1 limitranges.</summary>
    public static readonly GroupResource LimitRanges = new(string.Empty, "limitranges");

    private static readonly GroupResource Events = new(string.Empty, "events");

    private static readonly QuotaEvaluator[] Special = [new PodQuotaEvaluator(), new ServiceQuotaEvaluator(), new PersistentVolumeClaimQuotaEvaluator()];

    // Counted under a bare name before count/<resource> existed.
    private static readonly string[] LegacyCounted = ["configmaps", "resourcequotas", "replicationcontrollers", "secrets"];

    private static readonly ConcurrentDictionary<GroupResource, QuotaEvaluator> Counters = new();

    /// <summary>The evaluator for a resource type; null for events, which quota ignores.</summary>
    public static QuotaEvaluator? For(GroupResource resource)
    {
        if (resource == Events)
        {
            return null;
        }

        return Special.FirstOrDefault(e => e.Resource == resource)
            ?? Counters.GetOrAdd(resource, r => new ObjectCountQuotaEvaluator(r, r.Group.Length == 0 && LegacyCounted.Contains(r.Resource) ? r.Resource : null));
    }

    /// <summary>The evaluators that measure at least one of <paramref name="names"/> (what the quota controller sums).</summary>
    public static IReadOnlyList<QuotaEvaluator> Tracking(IReadOnlyCollection<string> names)
    {
        var candidates = new List<QuotaEvaluator>(Special);
        foreach (var name in names)
        {
            GroupResource? counted = LegacyCounted.Contains(name) ? new GroupResource(string.Empty, name)
                : name.StartsWith("count/", StringComparison.Ordinal) ? Parse(name["count/".Length..])
                : null;
            if (counted is { } resource && For(resource) is { } evaluator)
            {
                candidates.Add(evaluator);
            }
        }

        return candidates.Distinct().Where(e => e.MatchingResources(names).Count > 0).ToList();
    }

    /// <summary><c>deployments.apps</c> → apps/deployments; <c>pods</c> → core pods.</summary>
    private static GroupResource Parse(string resourceWithGroup)
    {
        var dot = resourceWithGroup.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? new GroupResource(string.Empty, resourceWithGroup) : new GroupResource(resourceWithGroup[(dot + 1)..], resourceWithGroup[..dot]);
    }
}
