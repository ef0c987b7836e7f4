using System.Globalization;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Api;

/// <summary>
/// The building blocks of server-side printing (Kubernetes' pkg/printers/internalversion/printers.go): the Name, Age and
/// Created At columns and cell readers. Each kind's columns are declared with its registry entry.
/// </summary>
internal static class TableColumns
{
    internal const string None = "<none>";

    internal static readonly TableColumn NameColumn = new("Name", "string", "name",
        "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically.",
        0, (o, _) => S(o, "metadata.name"));

    internal static readonly TableColumn AgeColumn = new("Age", "string", "",
        "CreationTimestamp is a timestamp representing the server time when this object was created.", 0, (o, now) => Age(o, now));

    internal static readonly TableColumn CreatedAtColumn = new("Created At", "date", "",
        "CreationTimestamp is a timestamp representing the server time when this object was created.", 0, (o, _) => S(o, "metadata.creationTimestamp"));

    /// <summary>The columns of kinds without a printer of their own: Name and Created At.</summary>
    public static IReadOnlyList<TableColumn> Default { get; } = [NameColumn, CreatedAtColumn];

    /// <summary>A column without a format; the description defaults to the name.</summary>
    internal static TableColumn Col(string name, string type, Func<JsonObject, DateTimeOffset, JsonNode?> cell, int priority = 0, string description = "") =>
        new(name, type, "", description.Length > 0 ? description : name, priority, cell);

    internal static JsonNode? At(JsonObject o, string path)
    {
        JsonNode? node = o;
        foreach (var segment in path.Split('.'))
        {
            node = node is JsonObject obj ? obj[segment] : null;
        }

        return node;
    }

    internal static string S(JsonObject o, string path, string fallback = "") =>
        At(o, path) is JsonValue v && v.TryGetValue<string>(out var s) ? s : At(o, path) is JsonValue n ? n.ToJsonString() : fallback;

    // Numbers built in-process are int-backed, parsed ones JsonElement-backed: read both through their JSON text.
    internal static long L(JsonObject o, string path) =>
        At(o, path) is JsonValue v && long.TryParse(v.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : 0;

    internal static int Count(JsonNode? node) => node switch
    {
        JsonObject o => o.Count,
        JsonArray a => a.Count,
        _ => 0,
    };

    internal static string Age(JsonObject o, DateTimeOffset now) => AgeOf(S(o, "metadata.creationTimestamp"), now);

    internal static string AgeOf(string timestamp, DateTimeOffset now) =>
        DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)
            ? HumanDuration.Format(now - created)
            : "<unknown>";

    internal static IEnumerable<JsonObject> Objects(JsonNode? node) =>
        node is JsonArray array ? array.OfType<JsonObject>() : [];

    internal static string Join(IEnumerable<string> values)
    {
        var text = string.Join(',', values);
        return text.Length == 0 ? None : text;
    }

    /// <summary>A label map as labels.FormatLabels prints it: <c>a=b,c=d</c> sorted by key, or <c>&lt;none&gt;</c>.</summary>
    internal static string Labels(JsonNode? labels) =>
        labels is JsonObject map && map.Count > 0
            ? string.Join(',', map.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={(l.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty)}"))
            : None;

    internal static string SelectorText(JsonNode? selector)
    {
        if (selector is not JsonObject s)
        {
            return None;
        }

        var parts = new List<string>();
        if (s["matchLabels"] is JsonObject labels)
        {
            parts.AddRange(labels.Select(l => $"{l.Key}={l.Value}"));
        }

        foreach (var expression in Objects(s["matchExpressions"]))
        {
            var values = string.Join(',', Objects(null).Select(_ => "").Concat((expression["values"] as JsonArray)?.Select(v => v?.ToString() ?? "") ?? []));
            var op = S(expression, "operator");
            var key = S(expression, "key");
            parts.Add(op switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "Exists" => key,
                "DoesNotExist" => $"!{key}",
                _ => key,
            });
        }

        return Join(parts);
    }
}
