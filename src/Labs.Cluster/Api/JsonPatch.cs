using System.Text.Json.Nodes;

namespace Labs.Cluster.Api;

/// <summary>JSON Patch (RFC 6902): add, remove, replace, move, copy, test with JSON Pointer paths.</summary>
public static class JsonPatch
{
    /// <summary>kube-apiserver's limit on operations in one patch.</summary>
    public const int MaxOperations = 10_000;

    /// <summary>kube-apiserver's limit on how much "copy" operations may grow a document (JSONPatchMaxCopyBytes).</summary>
    public const long MaxCopyBytes = 3 * 1024 * 1024;

    /// <summary>Applies the operations in order to a copy of <paramref name="target"/>; throws a 422/400 <see cref="ApiException"/> naming the failing operation.</summary>
    public static JsonNode Apply(JsonNode target, JsonNode? patch)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (patch is not JsonArray operations)
        {
            throw ApiErrors.BadRequest("json patch: the body must be a JSON array of operations");
        }

        if (operations.Count > MaxOperations)
        {
            throw ApiErrors.RequestEntityTooLarge($"The allowed maximum operations in a JSON patch is {MaxOperations}, got {operations.Count}");
        }

        var doc = target.DeepClone();
        long copied = 0;
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not JsonObject op)
            {
                throw ApiErrors.BadRequest($"json patch: operation {i} is not an object");
            }

            var kind = Access.JsonFields.String(op, "op");
            var path = Access.JsonFields.String(op, "path") ?? throw Failed(i, "missing \"path\"");
            switch (kind)
            {
                case "add":
                    doc = Add(doc, path, Value(op, i), i);
                    break;
                case "remove":
                    doc = Remove(doc, path, i, out _);
                    break;
                case "replace":
                    doc = Remove(doc, path, i, out _);
                    doc = Add(doc, path, Value(op, i), i);
                    break;
                case "move":
                    var from = Access.JsonFields.String(op, "from") ?? throw Failed(i, "missing \"from\"");
                    doc = Remove(doc, from, i, out var moved);
                    doc = Add(doc, path, moved, i);
                    break;
                case "copy":
                    var source = Access.JsonFields.String(op, "from") ?? throw Failed(i, "missing \"from\"");
                    var copy = Get(doc, source, i)?.DeepClone();
                    copied += copy?.ToJsonString().Length ?? 4;
                    if (copied > MaxCopyBytes)
                    {
                        throw new ApiException(422, "Invalid",
                            $"the server rejected our request due to an error in our request: Unable to complete the copy, the accumulated size increase of copy is {copied}, exceeding the limit {MaxCopyBytes}");
                    }

                    doc = Add(doc, path, copy, i);
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(doc, path, i), op["value"]))
                    {
                        throw Failed(i, $"testing value at {path} failed");
                    }

                    break;
                default:
                    throw Failed(i, $"unsupported operation \"{kind}\"");
            }
        }

        return doc!;
    }

    private static JsonNode? Value(JsonObject op, int i) =>
        op.TryGetPropertyValue("value", out var value) ? value?.DeepClone() : throw Failed(i, "missing \"value\"");

    private static string[] Tokens(string path) =>
        path.Length == 0 ? [] : path.TrimStart('/').Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();

    private static JsonNode? Get(JsonNode? doc, string path, int i) => Walk(doc, Tokens(path), path, i);

    private static JsonNode? Walk(JsonNode? doc, IEnumerable<string> tokens, string path, int i)
    {
        foreach (var token in tokens)
        {
            doc = doc switch
            {
                JsonObject o when o.ContainsKey(token) => o[token],
                JsonArray a when IsIndex(token, out var index) && index < a.Count => a[index],
                _ => throw Failed(i, $"path {path} does not exist"),
            };
        }

        return doc;
    }

    private static JsonNode? Add(JsonNode? doc, string path, JsonNode? value, int i)
    {
        var tokens = Tokens(path);
        if (tokens.Length == 0)
        {
            return value;
        }

        var parent = Walk(doc, tokens[..^1], path, i);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when IsIndex(last, out var index) && index <= a.Count:
                a.Insert(index, value);
                break;
            default:
                throw Failed(i, $"cannot add at {path}");
        }

        return doc;
    }

    private static JsonNode? Remove(JsonNode? doc, string path, int i, out JsonNode? removed)
    {
        var tokens = Tokens(path);
        if (tokens.Length == 0)
        {
            throw Failed(i, "cannot remove the whole document");
        }

        var parent = Walk(doc, tokens[..^1], path, i);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                removed = o[last];
                o.Remove(last);
                break;
            case JsonArray a when IsIndex(last, out var index) && index < a.Count:
                removed = a[index];
                a.RemoveAt(index);
                break;
            default:
                throw Failed(i, $"path {path} does not exist");
        }

        return doc;
    }

    // RFC 6901 array indexes are plain decimal digits: no sign, no spaces.
    private static bool IsIndex(string token, out int index)
    {
        index = -1;
        return token.Length is > 0 and < 10 && token.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0
            && int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out index);
    }

    private static ApiException Failed(int i, string problem) =>
        new(422, "Invalid", $"the server rejected our request due to an error in our request: json patch operation {i}: {problem}");
}
