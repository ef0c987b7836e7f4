using System.Globalization;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads.Scheduling;

/// <summary>
/// A pod's node affinity, as the scheduler's NodeAffinity plugin reads it: the required node selector terms (any term,
/// each of its expressions and fields) and the weight of the preferred terms a node matches.
/// </summary>
internal static class NodeAffinity
{
    /// <summary>Whether the node satisfies the pod's nodeSelector and its required node affinity.</summary>
    public static bool Matches(JsonObject pod, JsonObject node)
    {
        if (!JsonPaths.MatchesLabels(pod.Obj("spec", "nodeSelector"), node.Obj("metadata", "labels")))
        {
            return false;
        }

        var required = pod.Obj("spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution");
        return required is null || required.Arr("nodeSelectorTerms").Objects().Any(term => TermMatches(term, node));
    }

    /// <summary>The sum of the weights of the preferred terms the node matches.</summary>
    public static long PreferredWeight(JsonObject pod, JsonObject node) =>
        pod.Arr("spec", "affinity", "nodeAffinity", "preferredDuringSchedulingIgnoredDuringExecution").Objects()
            .Where(p => p.Obj("preference") is { } term && TermMatches(term, node))
            .Sum(p => p.Long("weight") ?? 0);

    // A term with neither expressions nor fields matches no node.
    private static bool TermMatches(JsonObject term, JsonObject node)
    {
        var expressions = term.Arr("matchExpressions").Objects().ToList();
        var fields = term.Arr("matchFields").Objects().ToList();
        if (expressions.Count == 0 && fields.Count == 0)
        {
            return false;
        }

        var labels = node.Obj("metadata", "labels");
        return expressions.All(e => Requirement(e, labels.Str(e.Str("key") ?? "")))
            && fields.All(f => f.Str("key") == "metadata.name" && Requirement(f, node.Name()));
    }

    private static bool Requirement(JsonObject expression, string? value)
    {
        var values = expression.Arr("values")?.Select(v => v?.GetValue<string>()).OfType<string>().ToList() ?? [];
        return expression.Str("operator") switch
        {
            "In" => value is not null && values.Contains(value),
            "NotIn" => value is null || !values.Contains(value),
            "Exists" => value is not null,
            "DoesNotExist" => value is null,
            "Gt" => Compare(value, values) is > 0,
            "Lt" => Compare(value, values) is < 0,
            _ => false,
        };
    }

    private static int? Compare(string? value, List<string> values) =>
        values.Count == 1 && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actual)
            && long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bound)
            ? actual.CompareTo(bound)
            : null;
}
