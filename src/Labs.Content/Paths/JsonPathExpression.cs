using System.Text.Json.Nodes;

namespace Labs.Content.Paths;

/// <summary>
/// A JSONPath expression as kubectl writes them (<c>{.spec.containers[*].image}</c>, with or without the braces and a
/// leading <c>$</c>): fields (<c>.name</c>, <c>['app.kubernetes.io/name']</c>), indexes (<c>[0]</c>, <c>[-1]</c>),
/// slices (<c>[0:2]</c>), wildcards (<c>[*]</c>, <c>.*</c>), recursive descent (<c>..image</c>) and filters
/// (<c>[?(@.type=="Ready")]</c>, <c>[?(@.port&gt;=80)]</c>, <c>[?(@.ready)]</c>). Parsed once, evaluated many times; immutable.
/// </summary>
public sealed class JsonPathExpression
{
    private readonly IReadOnlyList<JsonPathSegment> _segments;

    internal JsonPathExpression(string text, IReadOnlyList<JsonPathSegment> segments)
    {
        Text = text;
        _segments = segments;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>Whether the expression can select more than one value (a wildcard, slice, filter or recursive descent).</summary>
    public bool SelectsMany => _segments.Any(s => s is not (JsonPathSegment.Field or JsonPathSegment.Index));

    /// <summary>Parses an expression.</summary>
    /// <exception cref="JsonPathException">The text is not a JSONPath expression; the exception says where.</exception>
    public static JsonPathExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new JsonPathParser(text).ParseTemplate();
    }

    /// <summary>The values the expression selects in <paramref name="root"/>, in document order; empty when none.</summary>
    public IReadOnlyList<JsonNode?> Evaluate(JsonNode? root)
    {
        IEnumerable<JsonNode?> current = [root];
        foreach (var segment in _segments)
            current = current.SelectMany(segment.Select).ToList();
        return current as IReadOnlyList<JsonNode?> ?? [.. current];
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
