using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Labs.Cluster.Registry.ApiExtensions;

/// <summary>
/// The JSONPath of a CRD's printer columns and scale subresource (<c>.spec.replicas</c>,
/// <c>.status.conditions[?(@.type=="Ready")].status</c>, <c>.spec.items[0].name</c>, <c>.spec.items[*].name</c>,
/// <c>.metadata.labels['app.kubernetes.io/name']</c>): the kubectl JSONPath subset these fields are written in.
/// </summary>
internal sealed partial class SimpleJsonPath
{
    private readonly IReadOnlyList<Step> _steps;

    private SimpleJsonPath(string text, IReadOnlyList<Step> steps)
    {
        Text = text;
        _steps = steps;
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>Parses a path; null (and <paramref name="error"/>) when it is not one this subset reads.</summary>
    public static SimpleJsonPath? TryParse(string text, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = string.Empty;
        var steps = new List<Step>();
        var rest = text.Trim();
        if (rest.StartsWith('{') && rest.EndsWith('}'))
        {
            rest = rest[1..^1];
        }

        if (!rest.StartsWith('.'))
        {
            error = "must be a simple json path starting with .";
            return null;
        }

        while (rest.Length > 0)
        {
            Match match;
            if ((match = FieldStep().Match(rest)).Success)
            {
                steps.Add(new Step(match.Groups[1].Value, null, null, null));
            }
            else if ((match = QuotedStep().Match(rest)).Success)
            {
                steps.Add(new Step(match.Groups[1].Value, null, null, null));
            }
            else if ((match = IndexStep().Match(rest)).Success)
            {
                steps.Add(new Step(null, match.Groups[1].Value == "*" ? -1 : int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), null, null));
            }
            else if ((match = FilterStep().Match(rest)).Success)
            {
                steps.Add(new Step(null, null, match.Groups[1].Value.Split('.'), match.Groups[2].Value));
            }
            else
            {
                error = $"unrecognized path segment {rest}";
                return null;
            }

            rest = rest[match.Length..];
        }

        return new SimpleJsonPath(text, steps);
    }

    /// <summary>The first value the path finds in <paramref name="root"/>, or null.</summary>
    public JsonNode? First(JsonNode? root) => Find(root).FirstOrDefault();

    /// <summary>Every value the path finds, in document order.</summary>
    public IEnumerable<JsonNode?> Find(JsonNode? root)
    {
        IEnumerable<JsonNode?> current = [root];
        foreach (var step in _steps)
        {
            current = current.SelectMany(step.Apply).ToList();
        }

        return current.Where(n => n is not null);
    }

    [GeneratedRegex(@"^\.([A-Za-z0-9_\-$]+)")]
    private static partial Regex FieldStep();

    [GeneratedRegex(@"^\.?\['([^']*)'\]")]
    private static partial Regex QuotedStep();

    [GeneratedRegex(@"^\[(\*|\d+)\]")]
    private static partial Regex IndexStep();

    [GeneratedRegex(@"^\[\?\(@\.([A-Za-z0-9_.\-]+)\s*==\s*[""']([^""']*)[""']\)\]")]
    private static partial Regex FilterStep();

    private sealed record Step(string? Field, int? Index, string[]? FilterPath, string? FilterValue)
    {
        public IEnumerable<JsonNode?> Apply(JsonNode? node)
        {
            if (Field is not null)
            {
                return node is JsonObject obj && obj.TryGetPropertyValue(Field, out var child) ? [child] : [];
            }

            if (node is not JsonArray array)
            {
                return [];
            }

            if (Index is { } index)
            {
                if (index < 0)
                {
                    return array;
                }

                // Not a collection expression: next to the JsonArray above it would build a JsonArray and re-parent the node.
                return index < array.Count ? new[] { array[index] } : Array.Empty<JsonNode?>();
            }

            return array.Where(item => Matches(item));
        }

        private bool Matches(JsonNode? item)
        {
            JsonNode? value = item;
            foreach (var segment in FilterPath!)
            {
                value = value is JsonObject obj ? obj[segment] : null;
            }

            return value is JsonValue v && (v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString()) == FilterValue;
        }
    }
}
