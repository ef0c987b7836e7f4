using System.Text.Json.Nodes;
using Labs.Cluster.Schema;

namespace Labs.Cluster.Api;

/// <summary>
/// Kubernetes strategic merge patch, driven by the type model as the API server's is driven by the Go types: a list
/// whose field has patch strategy <c>merge</c> merges element by element on its merge key (containers by name,
/// container ports by containerPort, service ports by port, webhooks by name...), a primitive list with that
/// strategy merges as a set (finalizers), and every other list is replaced. Supports <c>null</c> deletion and the
/// <c>$patch</c>, <c>$retainKeys</c>, <c>$setElementOrder</c> and <c>$deleteFromPrimitiveList</c> directives; unknown
/// directives are ignored. Fields the model does not describe merge as objects and replace as lists.
/// </summary>
public static partial class StrategicMergePatch
{
    /// <summary>Returns <paramref name="original"/> patched by <paramref name="patch"/> (neither is modified).</summary>
    public static JsonObject Apply(JsonObject original, JsonObject patch)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(patch);
        var model = TypeModel.Default;
        var type = FieldTypeChecker.TypeOf(model, original) ?? FieldTypeChecker.TypeOf(model, patch);
        return MergeObject(original, patch, PatchSchema.Of(model, type)) ?? [];
    }

    private static JsonObject? MergeObject(JsonObject? original, JsonObject patch, PatchSchema schema)
    {
        var directive = Directive(patch);
        if (directive == "delete")
        {
            return null;
        }

        if (directive == "replace")
        {
            return MergeObject(null, Without(patch, "$patch"), schema);
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
                var merged = MergeObject(result[key] as JsonObject, child, schema.Child(key));
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
                result[key] = MergeList(schema.Field(key), schema, result[key] as JsonArray, array);
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
                result[key["$setElementOrder/".Length..]] = Reorder(schema.Field(key["$setElementOrder/".Length..]), target, order);
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
