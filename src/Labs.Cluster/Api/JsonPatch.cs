using System.Text.Json.Nodes;

namespace Labs.Cluster.Api;

/// <summary>JSON Patch (RFC 6902): add, remove, replace, move, copy, test with JSON Pointer paths.</summary>
public static class JsonPatch
{
    /// <summary>Applies the operations in order to a copy of <paramref name="target"/>; throws a 422/400 <see cref="ApiException"/> naming the failing operation.</summary>
    public static JsonNode Apply(JsonNode target, JsonNode? patch)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (patch is not JsonArray operations)
        {
            throw ApiErrors.BadRequest("json patch: the body must be a JSON array of operations");
        }

        var doc = target.DeepClone();
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not JsonObject op)
            {
                throw ApiErrors.BadRequest($"json patch: operation {i} is not an object");
            }

            var kind = (string?)op["op"];
            var path = (string?)op["path"] ?? throw Failed(i, "missing \"path\"");
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
                    var from = (string?)op["from"] ?? throw Failed(i, "missing \"from\"");
                    doc = Remove(doc, from, i, out var moved);
                    doc = Add(doc, path, moved, i);
                    break;
                case "copy":
                    var source = (string?)op["from"] ?? throw Failed(i, "missing \"from\"");
                    doc = Add(doc, path, Get(doc, source, i)?.DeepClone(), i);
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
                JsonArray a when int.TryParse(token, out var index) && index >= 0 && index < a.Count => a[index],
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
            case JsonArray a when int.TryParse(last, out var index) && index >= 0 && index <= a.Count:
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
            case JsonArray a when int.TryParse(last, out var index) && index >= 0 && index < a.Count:
                removed = a[index];
                a.RemoveAt(index);
                break;
            default:
                throw Failed(i, $"path {path} does not exist");
        }

        return doc;
    }

    private static ApiException Failed(int i, string problem) =>
        new(422, "Invalid", $"the server rejected our request due to an error in our request: json patch operation {i}: {problem}");
}
