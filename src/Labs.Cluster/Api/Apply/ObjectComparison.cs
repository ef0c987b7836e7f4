using System.Text.Json.Nodes;

namespace Labs.Cluster.Api.Apply;

/// <summary>
/// What changed between two versions of an object, as structured-merge-diff's <c>Compare</c> reports it: paths added,
/// modified (leaves whose value differs) and removed. A null value counts as present, as the real API server sees the
/// zero values of Go structs.
/// </summary>
internal sealed class ObjectComparison
{
    private ObjectComparison()
    {
    }

    /// <summary>Paths in the new object only.</summary>
    public FieldSet Added { get; } = new();

    /// <summary>Leaves in both whose values differ.</summary>
    public FieldSet Modified { get; } = new();

    /// <summary>Paths in the old object only.</summary>
    public FieldSet Removed { get; } = new();

    /// <summary>Whether nothing changed.</summary>
    public bool IsSame => Added.IsEmpty && Modified.IsEmpty && Removed.IsEmpty;

    /// <summary>Compares <paramref name="before"/> with <paramref name="after"/>.</summary>
    public static ObjectComparison Of(JsonNode? before, JsonNode? after, ApplyType type)
    {
        var result = new ObjectComparison();
        result.Walk(before, true, after, true, type, []);
        return result;
    }

    private void Walk(JsonNode? left, bool hasLeft, JsonNode? right, bool hasRight, ApplyType type, List<string> path)
    {
        if (IsObjects(left, right) && !type.Atomic)
        {
            var l = left as JsonObject;
            var r = right as JsonObject;
            foreach (var key in Keys(l, r))
            {
                path.Add(PathElement.Field(key));
                JsonNode? lv = null, rv = null;
                var inLeft = l is not null && l.TryGetPropertyValue(key, out lv);
                var inRight = r is not null && r.TryGetPropertyValue(key, out rv);
                Walk(lv, inLeft, rv, inRight, type.Child(key), path);
                path.RemoveAt(path.Count - 1);
            }

            Container(hasLeft, hasRight, path);
            return;
        }

        if (IsLists(left, right) && type.List != ListShape.Atomic)
        {
            var l = Index(left as JsonArray, type);
            var r = Index(right as JsonArray, type);
            foreach (var element in l.Keys.Concat(r.Keys.Where(k => !l.ContainsKey(k))).ToList())
            {
                path.Add(element);
                var inLeft = l.TryGetValue(element, out var lv);
                var inRight = r.TryGetValue(element, out var rv);
                Walk(lv, inLeft, rv, inRight, type.Element, path);
                path.RemoveAt(path.Count - 1);
            }

            Container(hasLeft, hasRight, path);
            return;
        }

        if (!hasLeft)
        {
            Added.Insert(path);
        }
        else if (!hasRight)
        {
            Removed.Insert(path);
        }
        else if (!JsonNode.DeepEquals(left, right))
        {
            Modified.Insert(path);
        }
    }

    // Structured-merge-diff's post-item hook: a map, struct or list that appears or disappears is itself added or removed.
    private void Container(bool hasLeft, bool hasRight, List<string> path)
    {
        if (!hasLeft)
        {
            Added.Insert(path);
        }
        else if (!hasRight)
        {
            Removed.Insert(path);
        }
    }

    private static bool IsObjects(JsonNode? a, JsonNode? b) => (a is JsonObject || b is JsonObject) && a is JsonObject or null && b is JsonObject or null;

    private static bool IsLists(JsonNode? a, JsonNode? b) => (a is JsonArray || b is JsonArray) && a is JsonArray or null && b is JsonArray or null;

    private static List<string> Keys(JsonObject? a, JsonObject? b)
    {
        var keys = a?.Select(p => p.Key).ToList() ?? [];
        if (b is not null)
        {
            var seen = a is null ? [] : keys.ToHashSet(StringComparer.Ordinal);
            keys.AddRange(b.Select(p => p.Key).Where(k => !seen.Contains(k)));
        }

        return keys;
    }

    /// <summary>The items of a list by their path element (a repeated element keeps its first item).</summary>
    internal static Dictionary<string, JsonNode?> Index(JsonArray? list, ApplyType type)
    {
        var items = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        for (var i = 0; list is not null && i < list.Count; i++)
        {
            items.TryAdd(type.ItemElement(list[i], i), list[i]);
        }

        return items;
    }
}
