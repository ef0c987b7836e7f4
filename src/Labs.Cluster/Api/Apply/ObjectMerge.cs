using System.Text.Json.Nodes;

namespace Labs.Cluster.Api.Apply;

/// <summary>
/// Structured-merge-diff's <c>Merge</c> and <c>RemoveItems</c> on JSON: an applied configuration merges into the live
/// object (objects field by field, list maps and sets item by item in the configuration's order, atomic values
/// replaced), and owned-no-longer fields are removed by path.
/// </summary>
internal static class ObjectMerge
{
    /// <summary><paramref name="live"/> with <paramref name="config"/> merged in (neither is modified).</summary>
    public static JsonNode? Merge(JsonNode? live, JsonNode? config, ApplyType type)
    {
        if (config is JsonObject c && !type.Atomic && live is JsonObject or null)
        {
            var result = live?.DeepClone().AsObject() ?? [];
            foreach (var (key, value) in c)
            {
                var merged = result.TryGetPropertyValue(key, out var existing) ? Merge(existing, value, type.Child(key)) : value?.DeepClone();
                if (merged is null)
                {
                    // An explicit null in a configuration owns the field and leaves it unset, as Go's decoder would.
                    result.Remove(key);
                }
                else
                {
                    result[key] = merged;
                }
            }

            return result;
        }

        if (config is JsonArray list && type.List != ListShape.Atomic && live is JsonArray or null)
        {
            return MergeList(live as JsonArray, list, type);
        }

        return config?.DeepClone();
    }

    // Structured-merge-diff's ordering: items both lists hold follow the configuration's order, items only the live list
    // holds keep their place among them, new items come where the configuration puts them.
    private static JsonArray MergeList(JsonArray? live, JsonArray config, ApplyType type)
    {
        var lhs = Elements(live, type);
        var rhs = Elements(config, type);
        var observedLeft = ObjectComparison.Index(live, type);
        var observedRight = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (element, item) in rhs)
        {
            observedRight[element] = item;
        }

        var shared = new Queue<string>(rhs.Select(e => e.Element).Where(observedLeft.ContainsKey));
        string? nextShared = shared.TryDequeue(out var first) ? first : null;
        var merged = new HashSet<string>(StringComparer.Ordinal);
        var output = new JsonArray();
        void Emit(string element, JsonNode? l, bool hasLeft)
        {
            merged.Add(element);
            var value = observedRight.TryGetValue(element, out var r) ? (hasLeft ? Merge(l, r, type.Element) : r?.DeepClone()) : l?.DeepClone();
            output.Add(value);
        }

        for (int li = 0, ri = 0; li < lhs.Count || ri < rhs.Count;)
        {
            if (li < lhs.Count && ri < rhs.Count)
            {
                var element = lhs[li].Element;
                if (element == rhs[ri].Element)
                {
                    Emit(element, observedLeft[element], true);
                    li++;
                    ri++;
                    nextShared = shared.TryDequeue(out var n) ? n : null;
                    continue;
                }

                if (observedRight.ContainsKey(element) && nextShared is not null && nextShared != element)
                {
                    li++;
                    continue;
                }
            }

            if (li < lhs.Count)
            {
                var element = lhs[li].Element;
                if (!observedRight.ContainsKey(element))
                {
                    output.Add(lhs[li].Item?.DeepClone());
                    li++;
                    continue;
                }

                if (merged.Contains(element))
                {
                    li++;
                }
            }

            if (ri < rhs.Count)
            {
                var element = rhs[ri].Element;
                var hasLeft = observedLeft.TryGetValue(element, out var l);
                if (!merged.Contains(element))
                {
                    Emit(element, l, hasLeft);
                }

                ri++;
                if (nextShared == element)
                {
                    nextShared = shared.TryDequeue(out var n) ? n : null;
                }
            }
        }

        return output;
    }

    private static List<(string Element, JsonNode? Item)> Elements(JsonArray? list, ApplyType type)
    {
        var elements = new List<(string, JsonNode?)>();
        for (var i = 0; list is not null && i < list.Count; i++)
        {
            elements.Add((type.ItemElement(list[i], i), list[i]));
        }

        return elements;
    }

    /// <summary><paramref name="value"/> without the members of <paramref name="remove"/> (whole subtrees); null when nothing is left.</summary>
    public static JsonNode? RemoveItems(JsonNode? value, FieldSet remove, ApplyType type)
    {
        switch (value)
        {
            case JsonObject obj when !type.Atomic && obj.Count > 0:
                var kept = new JsonObject();
                foreach (var (key, child) in obj)
                {
                    var element = PathElement.Field(key);
                    if (remove.HasMember(element))
                    {
                        continue;
                    }

                    var below = remove.WithPrefix(element);
                    var rest = below.IsEmpty ? child?.DeepClone() : RemoveItems(child, below, type.Child(key));
                    if (rest is not null || below.IsEmpty)
                    {
                        kept[key] = rest;
                    }
                }

                return kept.Count > 0 ? kept : null;
            case JsonArray list when type.List != ListShape.Atomic && list.Count > 0:
                var items = new JsonArray();
                for (var i = 0; i < list.Count; i++)
                {
                    var element = type.ItemElement(list[i], i);
                    if (remove.HasMember(element))
                    {
                        continue;
                    }

                    var below = remove.WithPrefix(element);
                    items.Add(below.IsEmpty ? list[i]?.DeepClone() : RemoveItems(list[i], below, type.Element));
                }

                return items.Count > 0 ? items : null;
            default:
                return value?.DeepClone();
        }
    }
}
