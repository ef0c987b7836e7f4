using System.Text.Json.Nodes;
using Labs.Cluster.Api;

namespace Labs.Cluster.Workloads.Scheduling;

/// <summary>
/// Inter-pod affinity as the scheduler's InterPodAffinity plugin reads it: a pod's required affinity terms need a
/// matching pod in the node's topology domain (the first pod of a group that matches its own terms may go anywhere),
/// its required anti-affinity terms need none there, and no pod already placed may have an anti-affinity term the
/// incoming pod matches in that domain; preferred terms add or take away their weight.
/// </summary>
internal static class PodAffinity
{
    /// <summary>The pods among <paramref name="placed"/> with required anti-affinity terms, which every incoming pod must respect.</summary>
    public static List<JsonObject> WithAntiAffinity(IEnumerable<JsonObject> placed) => [.. placed.Where(p => Terms(p, "podAntiAffinity").Any())];

    /// <summary>
    /// Why the node fails the filter, as the scheduler says it, and whether preemption could help; null when it passes.
    /// <paramref name="antiAffine"/> are the placed pods with anti-affinity terms (<see cref="WithAntiAffinity"/>).
    /// </summary>
    public static (string Reason, bool Resolvable)? Filter(JsonObject pod, JsonObject node, IReadOnlyList<JsonObject> nodes, IReadOnlyList<JsonObject> placed,
        IReadOnlyList<JsonObject> antiAffine, Func<string, JsonObject?> namespaceOf)
    {
        var affinity = Terms(pod, "podAffinity").ToList();
        if (affinity.Count > 0)
        {
            var labels = node.Obj("metadata", "labels");
            if (affinity.Any(t => labels?[t.Str("topologyKey") ?? ""] is null))
            {
                return ("node(s) didn't match pod affinity rules", false);
            }

            var anyMatchAnywhere = affinity.Any(t => placed.Any(p => Selects(t, pod, p, namespaceOf)));
            var satisfied = affinity.All(t => placed.Any(p => Selects(t, pod, p, namespaceOf) && SameDomain(t.Str("topologyKey")!, node, p, nodes)));
            if (!satisfied && (anyMatchAnywhere || !affinity.All(t => Selects(t, pod, pod, namespaceOf))))
            {
                return ("node(s) didn't match pod affinity rules", false);
            }
        }

        foreach (var term in Terms(pod, "podAntiAffinity"))
        {
            if (node.Obj("metadata", "labels")?[term.Str("topologyKey") ?? ""] is not null &&
                placed.Any(p => Selects(term, pod, p, namespaceOf) && SameDomain(term.Str("topologyKey")!, node, p, nodes)))
            {
                return ("node(s) didn't match pod anti-affinity rules", true);
            }
        }

        foreach (var existing in antiAffine)
        {
            foreach (var term in Terms(existing, "podAntiAffinity"))
            {
                if (Selects(term, existing, pod, namespaceOf) && SameDomain(term.Str("topologyKey") ?? "", node, existing, nodes))
                {
                    return ("node(s) didn't satisfy existing pods anti-affinity rules", true);
                }
            }
        }

        return null;
    }

    /// <summary>The node's score from the pod's preferred terms: each affinity term's weight for a matching pod in its domain, less each anti-affinity term's.</summary>
    public static long PreferredScore(JsonObject pod, JsonObject node, IReadOnlyList<JsonObject> nodes, IReadOnlyList<JsonObject> placed,
        Func<string, JsonObject?> namespaceOf)
    {
        long Sum(string kind) => pod.Arr("spec", "affinity", kind, "preferredDuringSchedulingIgnoredDuringExecution").Objects()
            .Where(w => w.Obj("podAffinityTerm") is { } term && term.Str("topologyKey") is { } key &&
                        placed.Any(p => Selects(term, pod, p, namespaceOf) && SameDomain(key, node, p, nodes)))
            .Sum(w => w.Long("weight") ?? 0);
        return Sum("podAffinity") - Sum("podAntiAffinity");
    }

    private static IEnumerable<JsonObject> Terms(JsonObject pod, string kind) =>
        pod.Arr("spec", "affinity", kind, "requiredDuringSchedulingIgnoredDuringExecution").Objects();

    // Whether a term of the pod that owns it selects another pod: its namespaces (the owner's by default, or those its
    // namespaceSelector picks) and its label selector (a term without one selects nothing).
    private static bool Selects(JsonObject term, JsonObject owner, JsonObject other, Func<string, JsonObject?> namespaceOf)
    {
        if (term.Obj("labelSelector") is not { } selector || !LabelSelector.Of(selector).Matches(other))
        {
            return false;
        }

        var ns = other.Namespace() ?? "";
        var names = (term.Arr("namespaces") ?? []).Select(n => (string?)n).OfType<string>().ToList();
        if (term.Obj("namespaceSelector") is { } nsSelector)
        {
            return names.Contains(ns) ||
                   (namespaceOf(ns) is { } namespaceObject && LabelSelector.Of(nsSelector).Matches(namespaceObject));
        }

        return names.Count > 0 ? names.Contains(ns) : ns == owner.Namespace();
    }

    // Whether a pod runs in the node's domain of a topology key: its node has the same value of that label.
    private static bool SameDomain(string key, JsonObject node, JsonObject pod, IReadOnlyList<JsonObject> nodes)
    {
        var value = node.Str("metadata", "labels", key);
        var podNode = nodes.FirstOrDefault(n => n.Name() == pod.Str("spec", "nodeName"));
        return value is not null && podNode?.Str("metadata", "labels", key) == value;
    }
}
