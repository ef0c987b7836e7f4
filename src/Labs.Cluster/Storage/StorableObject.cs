using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;

namespace Labs.Cluster.Storage;

/// <summary>
/// What every stored object must be, whoever writes it (the API or a controller): JSON that can always be read and
/// written back. The API refuses bad input long before this; this is the last line, so that no write can leave an
/// object behind that breaks every later GET, LIST or WATCH of its namespace.
/// </summary>
internal static class StorableObject
{
    /// <summary>The deepest nesting stored (the same as the deepest a request body may have).</summary>
    public const int MaxDepth = 128;

    /// <summary>The largest object stored, in bytes of JSON text (the request body limit).</summary>
    public const long MaxBytes = 3 * 1024 * 1024;

    /// <summary>Throws a 400 (or 413 when too large) naming the first problem; returns quietly for a storable object.</summary>
    public static void Check(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var path = new List<string>();
        long size = 0;
        Walk(obj, path, ref size);
        if (size > MaxBytes)
        {
            throw ApiErrors.RequestEntityTooLarge($"limit is {MaxBytes.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private static void Walk(JsonNode? node, List<string> path, ref long size)
    {
        size += 8;
        if (path.Count > MaxDepth)
        {
            throw Refused(path, $"nested more than {MaxDepth} deep");
        }

        switch (node)
        {
            case null:
                return;
            case JsonObject obj:
                List<KeyValuePair<string, JsonNode?>> properties;
                try
                {
                    properties = [.. obj];
                }
                catch (ArgumentException)
                {
                    throw Refused(path, "a field appears twice");
                }
                catch (InvalidOperationException)
                {
                    throw Refused(path, "a field name is not valid UTF-8 or UTF-16");
                }

                foreach (var (key, value) in properties)
                {
                    size += key.Length;
                    path.Add(key);
                    Walk(value, path, ref size);
                    path.RemoveAt(path.Count - 1);
                }

                return;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    path.Add($"[{i.ToString(CultureInfo.InvariantCulture)}]");
                    Walk(array[i], path, ref size);
                    path.RemoveAt(path.Count - 1);
                }

                return;
            case JsonValue value:
                CheckScalar(value, path, ref size);
                return;
        }
    }

    private static void CheckScalar(JsonValue value, List<string> path, ref long size)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                try
                {
                    size += value.GetValue<string>().Length;
                }
                catch (InvalidOperationException)
                {
                    throw Refused(path, "the text is not valid UTF-8 or UTF-16");
                }

                return;
            case JsonValueKind.Number:
                if (value.TryGetValue<double>(out var number) && !double.IsFinite(number))
                {
                    throw Refused(path, "the number is not finite");
                }

                size += 24;
                return;
        }
    }

    private static ApiException Refused(List<string> path, string problem)
    {
        var where = string.Join('.', path).Replace(".[", "[", StringComparison.Ordinal);
        return ApiErrors.BadRequest($"the object cannot be stored: {problem} at \"{where}\"");
    }
}
