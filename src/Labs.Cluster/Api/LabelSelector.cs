using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Api;

/// <summary>
/// A parsed label selector in Kubernetes' string syntax: <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a in (x,y)</c>,
/// <c>a notin (x)</c>, <c>a</c> (exists), <c>!a</c> (does not exist), <c>a&gt;1</c>, <c>a&lt;1</c>, joined by commas.
/// Parsed with apimachinery's grammar and error messages (see <see cref="Parse"/>).
/// </summary>
public sealed partial class LabelSelector
{
    private readonly List<Requirement> _requirements;

    private LabelSelector(List<Requirement> requirements) => _requirements = requirements;

    /// <summary>The selector that matches everything.</summary>
    public static LabelSelector Everything { get; } = new([]);

    /// <summary>
    /// Parses a selector; throws a 400 <see cref="ApiException"/> with the real API server's message, e.g.
    /// <c>unable to parse requirement: found '!', expected: identifier</c>.
    /// </summary>
    public static LabelSelector Parse(string? text) =>
        string.IsNullOrEmpty(text) ? Everything : new LabelSelector(new Parser(text).ParseAll());

    /// <summary>A metav1.LabelSelector object (matchLabels, matchExpressions); an empty one matches everything.</summary>
    public static LabelSelector Of(JsonObject selector)
    {
        var text = TableColumns.SelectorText(selector);
        return text == TableColumns.None ? Everything : Parse(text);
    }

    /// <summary>Whether an object's <c>metadata.labels</c> satisfy every requirement.</summary>
    public bool Matches(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var labels = obj["metadata"]?["labels"] as JsonObject;
        foreach (var requirement in _requirements)
        {
            var value = labels is not null && labels[requirement.Key] is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? v.GetValue<string>()
                : null;
            if (!requirement.Matches(value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One requirement: key, operator (<c>=</c>, <c>!=</c>, <c>in</c>, <c>notin</c>, <c>exists</c>, <c>!</c>, <c>gt</c>, <c>lt</c>) and values.</summary>
    private sealed record Requirement(string Key, string Operator, string[] Values)
    {
        public bool Matches(string? value) => Operator switch
        {
            "=" or "==" or "in" => value is not null && Values.Contains(value),
            "!=" or "notin" => value is null || !Values.Contains(value),
            "exists" => value is not null,
            "!" => value is null,
            _ => value is not null
                && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actual)
                && long.TryParse(Values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var wanted)
                && (Operator == "gt" ? actual > wanted : actual < wanted),
        };
    }
}
