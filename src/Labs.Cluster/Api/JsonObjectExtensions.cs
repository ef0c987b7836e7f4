using System.Text.Json.Nodes;

namespace Labs.Cluster.Api;

/// <summary>Small helpers for building JSON documents inline.</summary>
internal static class JsonObjectExtensions
{
    /// <summary>Runs <paramref name="edits"/> on <paramref name="obj"/> and returns it.</summary>
    public static JsonObject Also(this JsonObject obj, params Action<JsonObject>[] edits)
    {
        foreach (var edit in edits)
        {
            edit(obj);
        }

        return obj;
    }

    /// <summary><c>metadata</c> of an object, created when missing.</summary>
    public static JsonObject Meta(this JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }

        metadata = [];
        obj["metadata"] = metadata;
        return metadata;
    }

    /// <summary>A string field of <c>metadata</c>, or empty.</summary>
    public static string MetaString(this JsonObject obj, string field) =>
        obj["metadata"] is JsonObject m && m[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
}
