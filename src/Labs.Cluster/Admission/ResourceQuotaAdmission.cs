using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Admission;

/// <summary>
/// The ResourceQuota admission plugin (apiserver's admission/plugin/resourcequota CheckRequest): a write that would take a
/// namespace over any of its quotas is refused with 403 Forbidden, as is a pod that does not state the cpu or memory a
/// quota limits.
/// </summary>
internal static class ResourceQuotaAdmission
{
    private static readonly GroupResource Namespaces = new(string.Empty, "namespaces");

    /// <summary>Throws 403 Forbidden when the write does not fit the namespace's quotas.</summary>
    /// <param name="request">The write, after mutating admission.</param>
    /// <param name="store">Where the namespace's quotas and current usage are read.</param>
    /// <param name="now">The time, for pods past their deletion grace period.</param>
    public static void Check(AdmissionRequest request, IObjectStore store, DateTimeOffset now)
    {
        if (request.Namespace.Length == 0 || request.Resource == Namespaces || QuotaRegistry.For(request.Resource) is not { } evaluator
            || !evaluator.Handles(request.Operation))
        {
            return;
        }

        var quotas = store.List(QuotaRegistry.ResourceQuotas, request.Namespace).Items;
        var relevant = new List<(JsonObject Quota, ResourceList Hard)>();
        foreach (var quota in quotas)
        {
            var hard = QuotaUsage.Hard(quota);
            if (!evaluator.Matches(quota, hard.Keys, request.Object))
            {
                continue;
            }

            var restricted = evaluator.MatchingResources(hard.Keys);
            if (evaluator.Constraints(restricted, request.Object) is { } problem)
            {
                throw request.Forbidden($"failed quota: {Name(quota)}: {problem}");
            }

            relevant.Add((quota, hard));
        }

        if (relevant.Count == 0)
        {
            return;
        }

        var usage = evaluator.Usage(request.Object, now);
        var negative = usage.Where(u => u.Value.Sign < 0).Select(u => u.Key).ToList();
        if (negative.Count > 0)
        {
            throw request.Forbidden($"quota usage is negative for resource(s): {string.Join(',', negative)}");
        }

        foreach (var (quota, hard) in relevant)
        {
            // An update is charged only for what it adds, and only to quotas that already counted the old object.
            var delta = request.OldObject is { } old && evaluator.Matches(quota, hard.Keys, old)
                ? usage.MinusNonNegative(evaluator.Usage(old, now))
                : usage;
            var requested = delta.WithoutZeros().Mask(hard.Keys);
            if (requested.Count == 0)
            {
                continue;
            }

            var used = QuotaUsage.Compute(store, request.Namespace, quota, now, evaluator);
            var exceeded = used.Plus(requested).Mask(requested.Keys).Exceeding(hard);
            if (exceeded.Count > 0)
            {
                throw request.Forbidden(
                    $"exceeded quota: {Name(quota)}, requested: {requested.Mask(exceeded)}, used: {used.Mask(exceeded)}, limited: {hard.Mask(exceeded)}");
            }
        }
    }

    private static string Name(JsonObject quota) => (string?)quota["metadata"]?["name"] ?? string.Empty;
}
