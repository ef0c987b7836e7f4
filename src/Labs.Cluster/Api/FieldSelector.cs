using System.Text.Json.Nodes;

namespace Labs.Cluster.Api;

/// <summary>
/// A parsed field selector: comma-joined <c>path=value</c>, <c>path==value</c> or <c>path!=value</c>, where the path is a
/// dotted field of the object (<c>metadata.name</c>, <c>status.phase</c>, <c>spec.nodeName</c>, <c>involvedObject.uid</c>...).
/// </summary>
public sealed class FieldSelector
{
    private readonly List<(string Path, bool Equal, string Value)> _requirements;

    private FieldSelector(List<(string Path, bool Equal, string Value)> requirements) => _requirements = requirements;

    /// <summary>The selector that matches everything.</summary>
    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The value required for <c>metadata.name</c> by an equality requirement, or null.</summary>
    public string? RequiredName => _requirements.FirstOrDefault(r => r.Path == "metadata.name" && r.Equal).Value;

    /// <summary>Parses a selector; throws a 400 <see cref="ApiException"/> that quotes the bad part.</summary>
    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<(string, bool, string)>();
        foreach (var raw in text.Split(','))
        {
            var part = raw.Trim();
            var (at, length, equal) = part.IndexOf("!=", StringComparison.Ordinal) is var ne and > 0 ? (ne, 2, false)
                : part.IndexOf("==", StringComparison.Ordinal) is var eqeq and > 0 ? (eqeq, 2, true)
                : part.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? (eq, 1, true)
                : (-1, 0, false);
            if (at < 0)
            {
                throw ApiErrors.BadRequest($"invalid selector: '{text}'; can't understand '{part}'");
            }

            requirements.Add((part[..at].Trim(), equal, part[(at + length)..].Trim()));
        }

        return new FieldSelector(requirements);
    }

    /// <summary>Whether the object's fields satisfy every requirement (a missing field reads as empty).</summary>
    public bool Matches(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        foreach (var (path, equal, value) in _requirements)
        {
            if ((ValueAt(obj, path) == value) != equal)
            {
                return false;
            }
        }

        return true;
    }

    private static string ValueAt(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var segment in path.Split('.'))
        {
            node = node is JsonObject o ? o[segment] : null;
        }

        return node switch
        {
            null => string.Empty,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => node.ToJsonString(),
        };
    }
}
