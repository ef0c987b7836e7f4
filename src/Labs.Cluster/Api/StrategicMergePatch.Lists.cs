using System.Text.Json.Nodes;
using Labs.Cluster.Schema;

namespace Labs.Cluster.Api;

/// <summary>Lists: merged by key, merged as sets, or replaced, and reordered by <c>$setElementOrder</c>.</summary>
public static partial class StrategicMergePatch
{
    private static JsonArray MergeList(FieldDefinition? field, PatchSchema parent, JsonArray? original, JsonArray patch)
    {
        var items = new List<JsonNode?>(original?.Select(n => n?.DeepClone()) ?? []);
        var elementSchema = parent.Element(field);
        if (Merges(field) && field!.Kind != FieldKind.Message)
        {
            var seen = items.Select(Identity).ToHashSet(StringComparer.Ordinal);
            items.AddRange(patch.Where(i => seen.Add(Identity(i))).Select(i => i?.DeepClone()));
            return new JsonArray([.. items]);
        }

        var mergeKey = MergeKeyOf(field);
        if (mergeKey is null || patch.Any(e => e is JsonObject o && Directive(o) == "replace"))
        {
            return new JsonArray(patch.Where(e => !(e is JsonObject o && o["$patch"] is not null))
                .Select(e => e is JsonObject o ? (JsonNode?)MergeObject(null, o, elementSchema) : e?.DeepClone()).ToArray());
        }

        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var values = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is JsonObject o)
            {
                byKey.TryAdd(Identity(o[mergeKey]), i);
            }
            else
            {
                values.Add(Identity(items[i]));
            }
        }

        var removed = new HashSet<int>();
        foreach (var element in patch)
        {
            if (element is not JsonObject item)
            {
                if (values.Add(Identity(element)))
                {
                    items.Add(element?.DeepClone());
                }

                continue;
            }

            var key = Identity(item[mergeKey]);
            var found = byKey.TryGetValue(key, out var index);
            if (Directive(item) == "delete")
            {
                if (found)
                {
                    removed.Add(index);
                    byKey.Remove(key);
                }

                continue;
            }

            var merged = MergeObject(found ? items[index] as JsonObject : null, item, elementSchema);
            if (found)
            {
                items[index] = merged;
            }
            else
            {
                items.Add(merged);
                byKey[key] = items.Count - 1;
            }
        }

        return new JsonArray(items.Where((_, i) => !removed.Contains(i)).ToArray());
    }

    // The API server merges a list only when its field says patchStrategy merge; a merge key makes it a list of maps.
    private static bool Merges(FieldDefinition? field) =>
        field is { Repeated: true, PatchStrategy: { } strategy } && strategy.Split(',').Contains("merge");

    private static string? MergeKeyOf(FieldDefinition? field) => Merges(field) ? field!.MergeKey : null;

    private static JsonArray Reorder(FieldDefinition? field, JsonArray list, JsonArray order)
    {
        var mergeKey = MergeKeyOf(field);
        string KeyOf(JsonNode? n) => Identity(mergeKey is not null && n is JsonObject o ? o[mergeKey] : n);
        var remaining = list.Select(n => n?.DeepClone()).ToList();
        var positions = new Dictionary<string, Queue<int>>(StringComparer.Ordinal);
        for (var i = 0; i < remaining.Count; i++)
        {
            var key = KeyOf(remaining[i]);
            if (!positions.TryGetValue(key, out var queue))
            {
                positions[key] = queue = new Queue<int>();
            }

            queue.Enqueue(i);
        }

        var taken = new HashSet<int>();
        var result = new JsonArray();
        foreach (var wanted in order)
        {
            if (positions.TryGetValue(KeyOf(wanted), out var queue) && queue.TryDequeue(out var index))
            {
                taken.Add(index);
                result.Add(remaining[index]);
            }
        }

        for (var i = 0; i < remaining.Count; i++)
        {
            if (!taken.Contains(i))
            {
                result.Add(remaining[i]);
            }
        }

        return result;
    }
}
