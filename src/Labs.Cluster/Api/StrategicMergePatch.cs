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
        var directive = (string?)patch["$patch"];
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
                    foreach (var item in list.Where(i => doomed.Any(d => JsonNode.DeepEquals(d, i))).ToList())
                    {
                        list.Remove(item);
                    }
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
            var keep = retain.Select(k => (string?)k).ToHashSet();
            foreach (var key in result.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                result.Remove(key);
            }
        }

        return result;
    }

    private static JsonArray MergeList(string field, JsonArray? original, JsonArray patch)
    {
        if (SetLists.Contains(field))
        {
            var union = original?.DeepClone().AsArray() ?? [];
            foreach (var item in patch.Where(i => !union.Any(u => JsonNode.DeepEquals(u, i))))
            {
                union.Add(item?.DeepClone());
            }

            return union;
        }

        var mergeKey = MergeKeyOf(field, patch, original);
        if (mergeKey is null || patch.Any(e => e is JsonObject o && (string?)o["$patch"] == "replace"))
        {
            return new JsonArray(patch.Where(e => !(e is JsonObject o && o["$patch"] is not null))
                .Select(e => e is JsonObject o ? (JsonNode?)MergeObject(null, o) : e?.DeepClone()).ToArray());
        }

        var result = original?.DeepClone().AsArray() ?? [];
        foreach (var element in patch)
        {
            if (element is not JsonObject item)
            {
                if (!result.Any(r => JsonNode.DeepEquals(r, element)))
                {
                    result.Add(element?.DeepClone());
                }

                continue;
            }

            var key = item[mergeKey];
            var match = result.OfType<JsonObject>().FirstOrDefault(r => JsonNode.DeepEquals(r[mergeKey], key));
            if ((string?)item["$patch"] == "delete")
            {
                if (match is not null)
                {
                    result.Remove(match);
                }

                continue;
            }

            var merged = MergeObject(match, item);
            if (match is null)
            {
                result.Add(merged);
            }
            else
            {
                result[result.IndexOf(match)] = merged;
            }
        }

        return result;
    }

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
        JsonNode? KeyOf(JsonNode? n) => mergeKey is not null && n is JsonObject o ? o[mergeKey] : n;
        var remaining = list.Select(n => n?.DeepClone()).ToList();
        var result = new JsonArray();
        foreach (var wanted in order)
        {
            var found = remaining.FirstOrDefault(n => JsonNode.DeepEquals(KeyOf(n), KeyOf(wanted)));
            if (found is not null)
            {
                remaining.Remove(found);
                result.Add(found);
            }
        }

        foreach (var rest in remaining)
        {
            result.Add(rest);
        }

        return result;
    }

    private static JsonObject Without(JsonObject obj, string key)
    {
        var copy = obj.DeepClone().AsObject();
        copy.Remove(key);
        return copy;
    }
}
