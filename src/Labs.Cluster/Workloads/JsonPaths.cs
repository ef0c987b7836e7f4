using System.Globalization;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads;

/// <summary>Small, null-tolerant accessors for Kubernetes objects held as <see cref="JsonObject"/>.</summary>
internal static class JsonPaths
{
    public static JsonNode? At(this JsonNode? node, params string[] path)
    {
        foreach (var segment in path)
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(segment, out node))
            {
                return null;
            }
        }

        return node;
    }

    public static string? Str(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static long? Long(this JsonNode? node, params string[] path)
    {
        if (node.At(path) is not JsonValue v)
        {
            return null;
        }

        if (v.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (v.TryGetValue<int>(out var i))
        {
            return i;
        }

        if (v.TryGetValue<double>(out var d))
        {
            return (long)d;
        }

        return v.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out l) ? l : null;
    }

    public static JsonObject? Obj(this JsonNode? node, params string[] path) => node.At(path) as JsonObject;

    public static JsonArray? Arr(this JsonNode? node, params string[] path) => node.At(path) as JsonArray;

    /// <summary>Returns the child object named <paramref name="name"/>, creating it when missing.</summary>
    public static JsonObject Ensure(this JsonObject obj, string name)
    {
        if (obj[name] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        obj[name] = created;
        return created;
    }

    public static IEnumerable<JsonObject> Objects(this JsonArray? array) =>
        array is null ? [] : array.OfType<JsonObject>();

    public static string Name(this JsonObject obj) => obj.Str("metadata", "name") ?? "";

    public static string? Namespace(this JsonObject obj) => obj.Str("metadata", "namespace");

    public static string Uid(this JsonObject obj) => obj.Str("metadata", "uid") ?? "";

    /// <summary>The controller owner reference of an object, or null.</summary>
    public static JsonObject? ControllerRef(this JsonObject obj) =>
        obj.Arr("metadata", "ownerReferences").Objects()
            .FirstOrDefault(r => r["controller"] is JsonValue v && v.TryGetValue<bool>(out var b) && b);

    public static JsonObject OwnerReference(string apiVersion, string kind, JsonObject owner) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["name"] = owner.Name(),
        ["uid"] = owner.Uid(),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A timestamp as the API writes it (RFC 3339, UTC when it names no offset); null when absent or unreadable.</summary>
    public static DateTimeOffset? ParseTimestamp(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    /// <summary>Whether every label in <paramref name="selector"/> (a matchLabels map) is present in <paramref name="labels"/>.</summary>
    public static bool MatchesLabels(JsonObject? selector, JsonObject? labels)
    {
        if (selector is null)
        {
            return true;
        }

        foreach (var (key, value) in selector)
        {
            if (labels.Str(key) is not { } actual || value is not JsonValue expected || !expected.TryGetValue<string>(out var wanted) || actual != wanted)
            {
                return false;
            }
        }

        return true;
    }
}
