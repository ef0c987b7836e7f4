using System.Text.Json.Nodes;

namespace Labs.Cluster.Api;

/// <summary>
/// Kubernetes strategic merge patch for the built-in types: lists with a merge key (containers, env, ports, volumes,
/// volumeMounts, conditions, ownerReferences...) merge element by element, finalizers merge as a set, other lists replace.
/// Supports <c>null</c> deletion and the <c>$patch</c>, <c>$retainKeys</c>, <c>$setElementOrder</c> and
/// <c>$deleteFromPrimitiveList</c> directives; unknown directives are ignored.
/// </summary>
public static class StrategicMergePatch
{
    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["env"] = "name",
        ["volumes"] = "name",
        ["imagePullSecrets"] = "name",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["ownerReferences"] = "uid",
        ["conditions"] = "type",
        ["hostAliases"] = "ip",
        ["topologySpreadConstraints"] = "topologyKey",
        ["resourceClaims"] = "name",
    };

    private static readonly HashSet<string> SetLists = new(StringComparer.Ordinal) { "finalizers" };

    /// <summary>Returns <paramref name="original"/> patched by <paramref name="patch"/> (neither is modified).</summary>
    public static JsonObject Apply(JsonObject original, JsonObject patch)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(patch);
        return MergeObject(original, patch) ?? [];
    }

    private static JsonObject? MergeObject(JsonObject? original, JsonObject patch)
    {
        var directive = Directive(patch);
        if (directive == "delete")
        {
            return null;
        }

        if (directive == "replace")
        {
            return MergeObject(null, Without(patch, "$patch"));
        }

        var result = original?.DeepClone().AsObject() ?? [];
        foreach (var (key, value) in patch)
        {
            if (key.StartsWith('$'))
            {
                if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal) && value is JsonArray doomed
                    && result[key["$deleteFromPrimitiveList/".Length..]] is JsonArray list)
                {
                    var unwanted = doomed.Select(Identity).ToHashSet(StringComparer.Ordinal);
                    result[key["$deleteFromPrimitiveList/".Length..]] =
                        new JsonArray(list.Where(i => !unwanted.Contains(Identity(i))).Select(i => i?.DeepClone()).ToArray());
                }

                continue;
            }

            if (value is null)
            {
                result.Remove(key);
            }
            else if (value is JsonObject child)
            {
                var merged = MergeObject(result[key] as JsonObject, child);
                if (merged is null)
                {
                    result.Remove(key);
                }
                else
                {
                    result[key] = merged;
                }
            }
            else if (value is JsonArray array)
            {
                result[key] = MergeList(key, result[key] as JsonArray, array);
            }
            else
            {
                result[key] = value.DeepClone();
            }
        }

        foreach (var (key, value) in patch)
        {
            if (key.StartsWith("$setElementOrder/", StringComparison.Ordinal) && value is JsonArray order
                && result[key["$setElementOrder/".Length..]] is JsonArray target)
            {
                result[key["$setElementOrder/".Length..]] = Reorder(key["$setElementOrder/".Length..], target, order);
            }
        }

        if (patch["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(k => k is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : null)
                .ToHashSet();
            foreach (var key in result.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                result.Remove(key);
            }
        }

        return result;
    }

    // Elements are found by key in dictionaries, so a long list costs n log n, not n squared.
    private static JsonArray MergeList(string field, JsonArray? original, JsonArray patch)
    {
        var items = new List<JsonNode?>(original?.Select(n => n?.DeepClone()) ?? []);
        if (SetLists.Contains(field))
        {
            var seen = items.Select(Identity).ToHashSet(StringComparer.Ordinal);
            items.AddRange(patch.Where(i => seen.Add(Identity(i))).Select(i => i?.DeepClone()));
            return new JsonArray([.. items]);
        }

        var mergeKey = MergeKeyOf(field, patch, original);
        if (mergeKey is null || patch.Any(e => e is JsonObject o && Directive(o) == "replace"))
        {
            return new JsonArray(patch.Where(e => !(e is JsonObject o && o["$patch"] is not null))
                .Select(e => e is JsonObject o ? (JsonNode?)MergeObject(null, o) : e?.DeepClone()).ToArray());
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

            var merged = MergeObject(found ? items[index] as JsonObject : null, item);
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

    /// <summary>
    /// The merge key of a list field by its name alone, or null (none, or <c>ports</c>, whose key depends on where it is).
    /// Server-side apply falls back on it for built-in kinds the type model does not describe.
    /// </summary>
    internal static string? MergeKeyFor(string field) => MergeKeys.GetValueOrDefault(field);

    private static string? MergeKeyOf(string field, JsonArray patch, JsonArray? original)
    {
        if (field == "ports")
        {
            // Container ports merge on containerPort, service ports on port.
            var sample = patch.OfType<JsonObject>().FirstOrDefault() ?? original?.OfType<JsonObject>().FirstOrDefault();
            return sample is not null && sample.ContainsKey("containerPort") ? "containerPort" : "port";
        }

        return MergeKeys.GetValueOrDefault(field);
    }

    private static JsonArray Reorder(string field, JsonArray list, JsonArray order)
    {
        var mergeKey = MergeKeyOf(field, order, list);
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

    private static string? Directive(JsonObject obj) => Access.JsonFields.String(obj, "$patch");

    // What makes two list elements (or merge-key values) the same: their JSON text.
    private static string Identity(JsonNode? node) => node?.ToJsonString() ?? "null";

    private static JsonObject Without(JsonObject obj, string key)
    {
        var copy = obj.DeepClone().AsObject();
        copy.Remove(key);
        return copy;
    }
}
