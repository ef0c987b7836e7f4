using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Admission;

/// <summary>
/// Pods (pkg/quota/v1/evaluator/core/pods.go): their count and compute requests and limits. Pods that have finished
/// (Succeeded, Failed) or are past their deletion grace period count only under <c>count/pods</c>. Only creation counts.
/// </summary>
internal sealed class PodQuotaEvaluator() : QuotaEvaluator(new GroupResource(string.Empty, "pods"))
{
    private static readonly string[] Names =
    [
        "count/pods", "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage",
        "limits.cpu", "limits.memory", "limits.ephemeral-storage", "pods",
    ];

    // Quotas on these have always required every container to state them (a historical coupling Kubernetes keeps).
    private static readonly string[] MustBeSpecified = ["cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory"];

    /// <inheritdoc />
    public override bool Handles(AdmissionOperation operation) => operation == AdmissionOperation.Create;

    /// <inheritdoc />
    public override IReadOnlyList<string> MatchingResources(IEnumerable<string> names) =>
        names.Where(name => Names.Contains(name) || ResourceNames.IsQuotaHugePages(name)
            || (!ResourceNames.IsNative(name) && name.StartsWith("requests.", StringComparison.Ordinal))).ToList();

    /// <inheritdoc />
    public override ResourceList Usage(JsonObject obj, DateTimeOffset now)
    {
        var usage = new ResourceList { ["count/pods"] = Quantity.FromInteger(1) };
        return Counts(obj, now) ? usage.Plus(ComputeUsage(PodResources.PodRequests(obj, overhead: true), PodResources.PodLimits(obj, overhead: true))) : usage;
    }

    /// <inheritdoc />
    public override string? Constraints(IReadOnlyList<string> required, JsonObject obj)
    {
        var needed = MustBeSpecified.Where(required.Contains).ToList();
        var missing = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (container, _) in PodResources.Containers(obj["spec"] as JsonObject))
        {
            var stated = ComputeUsage(PodResources.Requests(container), PodResources.Limits(container));
            foreach (var resource in needed.Where(n => !stated.ContainsKey(n)))
            {
                if (!missing.TryGetValue(resource, out var names))
                {
                    names = new SortedSet<string>(StringComparer.Ordinal);
                    missing[resource] = names;
                }

                names.Add((string?)container["name"] ?? string.Empty);
            }
        }

        return missing.Count == 0 ? null : "must specify " + string.Join("; ", missing.Select(m => $"{m.Key} for: {string.Join(',', m.Value)}"));
    }

    /// <inheritdoc />
    public override bool MatchesScope(QuotaScope scope, JsonObject obj) => scope.ScopeName switch
    {
        "Terminating" => IsTerminating(obj),
        "NotTerminating" => !IsTerminating(obj),
        "BestEffort" => PodResources.QosClass(obj) == "BestEffort",
        "NotBestEffort" => PodResources.QosClass(obj) != "BestEffort",
        "PriorityClass" => scope.Selects((string?)obj["spec"]?["priorityClassName"] is { Length: > 0 } name ? name : null),
        "CrossNamespacePodAffinity" => UsesCrossNamespaceAffinity(obj),
        _ => false,
    };

    /// <summary>podComputeUsageHelper: the quota names a set of requests and limits feeds.</summary>
    private static ResourceList ComputeUsage(ResourceList requests, ResourceList limits)
    {
        var usage = new ResourceList { ["pods"] = Quantity.FromInteger(1) };
        foreach (var resource in (string[])["cpu", "memory", "ephemeral-storage"])
        {
            if (requests.TryGetValue(resource, out var request))
            {
                usage[resource] = request;
                usage["requests." + resource] = request;
            }

            if (limits.TryGetValue(resource, out var limit))
            {
                usage["limits." + resource] = limit;
            }
        }

        foreach (var (name, request) in requests)
        {
            if (name.StartsWith("hugepages-", StringComparison.Ordinal))
            {
                usage[name] = request;
                usage["requests." + name] = request;
            }

            if (ResourceNames.IsExtended(name))
            {
                usage["requests." + name] = request;
            }
        }

        return usage;
    }

    /// <summary>Finished pods, and pods stuck terminating past their grace period, no longer use compute quota.</summary>
    private static bool Counts(JsonObject pod, DateTimeOffset now)
    {
        if ((string?)pod["status"]?["phase"] is "Succeeded" or "Failed")
        {
            return false;
        }

        var deletion = (string?)pod["metadata"]?["deletionTimestamp"];
        var grace = pod["metadata"]?["deletionGracePeriodSeconds"];
        if (deletion is not null && grace is JsonValue graceValue
            && long.TryParse(graceValue.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            && DateTimeOffset.TryParse(deletion, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var deletedAt))
        {
            return now <= deletedAt.AddSeconds(seconds);
        }

        return true;
    }

    private static bool IsTerminating(JsonObject pod) =>
        pod["spec"]?["activeDeadlineSeconds"] is JsonValue deadline
        && long.TryParse(deadline.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0;

    private static bool UsesCrossNamespaceAffinity(JsonObject pod)
    {
        foreach (var kind in (string[])["podAffinity", "podAntiAffinity"])
        {
            var affinity = pod["spec"]?["affinity"]?[kind];
            var terms = (affinity?["requiredDuringSchedulingIgnoredDuringExecution"] as JsonArray ?? []).OfType<JsonObject>()
                .Concat((affinity?["preferredDuringSchedulingIgnoredDuringExecution"] as JsonArray ?? []).OfType<JsonObject>()
                    .Select(w => w["podAffinityTerm"] as JsonObject ?? []));
            if (terms.Any(t => (t["namespaces"] as JsonArray)?.Count > 0 || t["namespaceSelector"] is JsonObject))
            {
                return true;
            }
        }

        return false;
    }
}
