using System.Text.Json.Nodes;
using Labs.Cluster.Admission;

namespace Labs.Cluster.Registry.Apps;

/// <summary>
/// The rule every apps/v1 workload has on update: its selector is immutable (ValidateDeploymentUpdate and kin), reported
/// with the selector printed as Go's <c>%#v</c> prints a <c>v1.LabelSelector</c>.
/// </summary>
internal static class SelectorRules
{
    /// <summary>Adds <c>spec.selector: Invalid value: v1.LabelSelector{...}: field is immutable</c> when the selector changed.</summary>
    public static void Immutable(JsonObject obj, JsonObject old, FieldErrors errors)
    {
        var selector = obj["spec"]?["selector"];
        if (!JsonNode.DeepEquals(selector, old["spec"]?["selector"]))
        {
            errors.Invalid("spec.selector", GoLabelSelector(selector), "field is immutable");
        }
    }

    /// <summary>A label selector as Go's <c>%#v</c> prints <c>v1.LabelSelector</c>, map keys sorted.</summary>
    public static string GoLabelSelector(JsonNode? selector)
    {
        var labels = selector?["matchLabels"] as JsonObject;
        var matchLabels = labels is null
            ? "map[string]string(nil)"
            : "map[string]string{" + string.Join(", ", labels.OrderBy(l => l.Key, StringComparer.Ordinal)
                .Select(l => $"{FieldErrors.Quote(l.Key)}:{FieldErrors.Quote(Text(l.Value))}")) + "}";
        var expressions = selector?["matchExpressions"] as JsonArray;
        var matchExpressions = expressions is null
            ? "[]v1.LabelSelectorRequirement(nil)"
            : "[]v1.LabelSelectorRequirement{" + string.Join(", ", expressions.OfType<JsonObject>().Select(Requirement)) + "}";
        return $"v1.LabelSelector{{MatchLabels:{matchLabels}, MatchExpressions:{matchExpressions}}}";
    }

    private static string Requirement(JsonObject requirement)
    {
        var values = requirement["values"] is JsonArray array
            ? "[]string{" + string.Join(", ", array.Select(v => FieldErrors.Quote(Text(v)))) + "}"
            : "[]string(nil)";
        return $"v1.LabelSelectorRequirement{{Key:{FieldErrors.Quote(Text(requirement["key"]))}, Operator:{FieldErrors.Quote(Text(requirement["operator"]))}, Values:{values}}}";
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
}
