using System.Text.Json.Nodes;
using Labs.Cluster.Api;

namespace Labs.Cluster.Workloads.Scheduling;

/// <summary>
/// Pod topology spread constraints as the scheduler's PodTopologySpread plugin reads them: for a DoNotSchedule
/// constraint, a node is refused when placing the pod there would make its domain hold more than maxSkew matching pods
/// above the emptiest eligible domain (zero while fewer domains than minDomains exist), or when it lacks the topology
/// label; ScheduleAnyway constraints only steer the choice towards the emptier domains.
/// </summary>
internal static class TopologySpread
{
    /// <summary>Why the node fails a DoNotSchedule constraint, and whether preemption could help; null when it passes.</summary>
    public static (string Reason, bool Resolvable)? Filter(JsonObject pod, JsonObject node, IReadOnlyList<JsonObject> nodes, IReadOnlyList<JsonObject> placed)
    {
        var constraints = Constraints(pod, "DoNotSchedule").ToList();
        if (constraints.Count == 0)
        {
            return null;
        }

        if (constraints.Any(c => node.Str("metadata", "labels", c.Str("topologyKey") ?? "") is null))
        {
            return ("node(s) didn't match pod topology spread constraints (missing required label)", false);
        }

        var eligible = Eligible(pod, constraints, nodes);
        foreach (var constraint in constraints)
        {
            var key = constraint.Str("topologyKey")!;
            var counts = Counts(pod, constraint, eligible, placed);
            var min = counts.Count < (constraint.Long("minDomains") ?? 1) || counts.Count == 0 ? 0 : counts.Values.Min();
            var self = Selects(constraint, pod, pod) ? 1 : 0;
            var here = counts.GetValueOrDefault(node.Str("metadata", "labels", key)!);
            if (here + self - min > (constraint.Long("maxSkew") ?? 1))
            {
                return ("node(s) didn't match pod topology spread constraints", true);
            }
        }

        return null;
    }

    /// <summary>How crowded the node's domains are for the pod's ScheduleAnyway constraints (lower is better).</summary>
    public static long Crowding(JsonObject pod, JsonObject node, IReadOnlyList<JsonObject> nodes, IReadOnlyList<JsonObject> placed)
    {
        var constraints = Constraints(pod, "ScheduleAnyway").ToList();
        var eligible = Eligible(pod, constraints, nodes);
        return constraints.Sum(c => node.Str("metadata", "labels", c.Str("topologyKey") ?? "") is { } value
            ? Counts(pod, c, eligible, placed).GetValueOrDefault(value)
            : 0);
    }

    private static IEnumerable<JsonObject> Constraints(JsonObject pod, string whenUnsatisfiable) =>
        pod.Arr("spec", "topologySpreadConstraints").Objects().Where(c => (c.Str("whenUnsatisfiable") ?? "DoNotSchedule") == whenUnsatisfiable);

    // The nodes whose domains count: those with every constraint's topology label that the pod's node affinity and
    // selector admit (nodeAffinityPolicy Honor, the default).
    private static List<JsonObject> Eligible(JsonObject pod, List<JsonObject> constraints, IReadOnlyList<JsonObject> nodes) =>
        [.. nodes.Where(n => constraints.All(c => n.Str("metadata", "labels", c.Str("topologyKey") ?? "") is not null) &&
                             (constraints.All(c => c.Str("nodeAffinityPolicy") == "Ignore") || NodeAffinity.Matches(pod, n)))];

    // The matching pods of the pod's namespace in each domain of the constraint's topology key.
    private static Dictionary<string, long> Counts(JsonObject pod, JsonObject constraint, List<JsonObject> eligible, IReadOnlyList<JsonObject> placed)
    {
        var key = constraint.Str("topologyKey") ?? "";
        var domainOf = eligible.ToDictionary(n => n.Name(), n => n.Str("metadata", "labels", key)!, StringComparer.Ordinal);
        var counts = domainOf.Values.Distinct(StringComparer.Ordinal).ToDictionary(v => v, _ => 0L, StringComparer.Ordinal);
        foreach (var other in placed)
        {
            if (other.Namespace() == pod.Namespace() && domainOf.TryGetValue(other.Str("spec", "nodeName") ?? "", out var domain) && Selects(constraint, pod, other))
            {
                counts[domain]++;
            }
        }

        return counts;
    }

    // The constraint's label selector, with the values of the pod's matchLabelKeys added; none selects nothing.
    private static bool Selects(JsonObject constraint, JsonObject pod, JsonObject other)
    {
        if (constraint.Obj("labelSelector") is not { } selector || !LabelSelector.Of(selector).Matches(other))
        {
            return false;
        }

        return (constraint.Arr("matchLabelKeys") ?? []).Select(k => (string?)k).OfType<string>()
            .All(k => pod.Str("metadata", "labels", k) is not { } value || other.Str("metadata", "labels", k) == value);
    }
}
