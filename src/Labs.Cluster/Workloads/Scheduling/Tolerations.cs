using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads.Scheduling;

/// <summary>Taints and tolerations, as k8s.io/api's ToleratesTaint and the scheduler's TaintToleration plugin read them.</summary>
internal static class Tolerations
{
    /// <summary>The node's taints with one of <paramref name="effects"/> that no toleration of the pod tolerates.</summary>
    public static IEnumerable<JsonObject> Untolerated(JsonObject pod, JsonObject node, params string[] effects) =>
        node.Arr("spec", "taints").Objects()
            .Where(t => effects.Contains(t.Str("effect")) && !pod.Arr("spec", "tolerations").Objects().Any(tol => Tolerates(tol, t)));

    /// <summary>The scheduler's words for an untolerated taint: <c>{key: value}</c>.</summary>
    public static string Describe(JsonObject taint) => $"{{{taint.Str("key")}: {taint.Str("value")}}}";

    /// <summary>
    /// ToleratesTaint: an empty effect tolerates every effect; an empty key with Exists tolerates every key; Exists
    /// ignores the value, Equal (the default) needs the same one.
    /// </summary>
    public static bool Tolerates(JsonObject toleration, JsonObject taint)
    {
        if (toleration.Str("effect") is { Length: > 0 } effect && effect != taint.Str("effect"))
        {
            return false;
        }

        if (toleration.Str("key") is { Length: > 0 } key && key != taint.Str("key"))
        {
            return false;
        }

        return (toleration.Str("operator") ?? "Equal") switch
        {
            "Exists" => true,
            "Equal" => toleration.Str("key") is { Length: > 0 } && (toleration.Str("value") ?? "") == (taint.Str("value") ?? ""),
            _ => false,
        };
    }
}
