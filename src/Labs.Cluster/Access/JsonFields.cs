using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Access;

/// <summary>Tolerant readers for fields of Kubernetes objects held as <see cref="JsonObject"/>.</summary>
internal static class JsonFields
{
    /// <summary>A string field, or null when absent or not a string.</summary>
    public static string? String(JsonNode? node, string property) =>
        node is JsonObject obj && obj[property] is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;

    /// <summary>
    /// A whole number, or null when <paramref name="node"/> is not one. Works for parsed JSON and for values built in
    /// code (which hold an <c>int</c> or <c>long</c> and refuse other conversions).
    /// </summary>
    public static long? Int64(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;

    /// <summary>An object field, or null when absent or not an object.</summary>
    public static JsonObject? Object(JsonNode? node, string property) =>
        node is JsonObject obj ? obj[property] as JsonObject : null;

    /// <summary>The string items of an array field; empty when absent. Non-string items are skipped.</summary>
    public static IReadOnlyList<string> Strings(JsonNode? node, string property)
    {
        if (node is not JsonObject obj || obj[property] is not JsonArray array)
        {
            return [];
        }

        var result = new List<string>(array.Count);
        foreach (var item in array)
        {
            if (item is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                result.Add(value.GetValue<string>());
            }
        }

        return result;
    }

    /// <summary>The objects in an array field; empty when absent.</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode? node, string property) =>
        node is JsonObject obj && obj[property] is JsonArray array ? array.OfType<JsonObject>() : [];

    /// <summary><c>metadata.name</c>, or empty.</summary>
    public static string Name(JsonObject obj) => String(Object(obj, "metadata"), "name") ?? "";

    /// <summary><c>metadata.uid</c>, or empty.</summary>
    public static string Uid(JsonObject obj) => String(Object(obj, "metadata"), "uid") ?? "";

    /// <summary>A string array node.</summary>
    public static JsonArray ToArray(IEnumerable<string> items) => new([.. items.Select(i => (JsonNode?)JsonValue.Create(i))]);
}
