using System.Text.Json;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Registry.ApiExtensions;

/// <summary>
/// The <c>openAPIV3Schema</c> of one version of a CustomResourceDefinition, as apiextensions-apiserver applies it to the
/// objects of that version: unknown fields are pruned (<c>x-kubernetes-preserve-unknown-fields</c> keeps them),
/// <c>default</c>s fill what is missing, and values are validated (<see cref="StructuralSchemaValidator"/>).
/// </summary>
internal sealed class StructuralSchema
{
    private static readonly HashSet<string> MetaFields = ["apiVersion", "kind", "metadata"];

    /// <summary>Wraps a schema; <paramref name="root"/> is the CRD version's <c>schema.openAPIV3Schema</c>.</summary>
    public StructuralSchema(JsonObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        Root = root;
    }

    /// <summary>The schema as the CRD gives it (also what OpenAPI publishes). Shared: do not modify.</summary>
    public JsonObject Root { get; }

    /// <summary>
    /// Removes every field the schema does not declare, as the API server's pruning does, and answers their paths
    /// (<c>spec.foo</c>, <c>spec.items[0].bar</c>), sorted, for <c>fieldValidation</c> Strict and Warn.
    /// </summary>
    public IReadOnlyList<string> Prune(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var unknown = new List<string>();
        PruneObject(obj, Root, string.Empty, unknown, resourceRoot: true);
        unknown.Sort(StringComparer.Ordinal);
        return unknown;
    }

    /// <summary>The paths <see cref="Prune"/> would remove, leaving <paramref name="obj"/> as it is.</summary>
    public IReadOnlyList<string> FindUnknown(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return Prune(obj.DeepClone().AsObject());
    }

    /// <summary>Fills fields that are missing with the schema's <c>default</c>s, depth first, as structural defaulting does.</summary>
    public void ApplyDefaults(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        Default(obj, Root);
    }

    private static void PruneObject(JsonObject obj, JsonObject? schema, string path, List<string> unknown, bool resourceRoot)
    {
        if (schema is not null && Flag(schema, "x-kubernetes-preserve-unknown-fields"))
        {
            KeepUnknown(obj, schema, path, unknown);
            return;
        }

        var properties = schema?["properties"] as JsonObject;
        var additional = schema?["additionalProperties"];
        var embedded = resourceRoot || (schema is not null && Flag(schema, "x-kubernetes-embedded-resource"));
        foreach (var (key, value) in obj.ToList())
        {
            if (embedded && MetaFields.Contains(key))
            {
                continue;
            }

            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (properties?[key] is JsonObject property)
            {
                PruneValue(value, property, childPath, unknown);
            }
            else if (additional is JsonObject additionalSchema)
            {
                PruneValue(value, additionalSchema, childPath, unknown);
            }
            else if (additional is JsonValue allowed && allowed.GetValueKind() == JsonValueKind.True)
            {
                continue;
            }
            else
            {
                unknown.Add(childPath);
                obj.Remove(key);
            }
        }
    }

    private static void PruneValue(JsonNode? value, JsonObject schema, string path, List<string> unknown)
    {
        switch (value)
        {
            case JsonObject child:
                PruneObject(child, schema, path, unknown, resourceRoot: false);
                break;
            case JsonArray items:
                for (var i = 0; i < items.Count; i++)
                {
                    if (schema["items"] is JsonObject itemSchema)
                    {
                        PruneValue(items[i], itemSchema, $"{path}[{i}]", unknown);
                    }
                }

                break;
        }
    }

    // Below x-kubernetes-preserve-unknown-fields unknown fields stay, but declared ones are still pruned inside.
    private static void KeepUnknown(JsonObject obj, JsonObject schema, string path, List<string> unknown)
    {
        var properties = schema["properties"] as JsonObject;
        foreach (var (key, value) in obj.ToList())
        {
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (properties?[key] is JsonObject property)
            {
                PruneValue(value, property, childPath, unknown);
            }
            else if (schema["additionalProperties"] is JsonObject additionalSchema)
            {
                PruneValue(value, additionalSchema, childPath, unknown);
            }
        }
    }

    private static void Default(JsonNode? value, JsonObject schema)
    {
        switch (value)
        {
            case JsonObject obj:
                if (schema["properties"] is JsonObject properties)
                {
                    foreach (var (key, property) in properties)
                    {
                        if (property is JsonObject propertySchema && !obj.ContainsKey(key) && propertySchema["default"] is { } defaultValue)
                        {
                            obj[key] = defaultValue.DeepClone();
                        }
                    }

                    foreach (var (key, child) in obj.ToList())
                    {
                        if (properties[key] is JsonObject propertySchema)
                        {
                            Default(child, propertySchema);
                        }
                    }
                }
                else if (schema["additionalProperties"] is JsonObject additional)
                {
                    foreach (var (_, child) in obj.ToList())
                    {
                        Default(child, additional);
                    }
                }

                break;
            case JsonArray items when schema["items"] is JsonObject itemSchema:
                foreach (var item in items)
                {
                    Default(item, itemSchema);
                }

                break;
        }
    }

    /// <summary>Whether a boolean extension such as <c>x-kubernetes-preserve-unknown-fields</c> is true.</summary>
    internal static bool Flag(JsonObject schema, string name) =>
        schema[name] is JsonValue v && v.GetValueKind() == JsonValueKind.True;
}
