using System.Text.Json.Nodes;

namespace Labs.Cluster.Schema;

/// <summary>Builds OpenAPI v3 component schemas from the type model, named like Kubernetes' own (<c>io.k8s.api.apps.v1.Deployment</c>).</summary>
internal sealed class OpenApiSchemas
{
    public const string TimeName = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";
    public const string MicroTimeName = "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime";
    public const string QuantityName = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    public const string IntOrStringName = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    public const string RawExtensionName = "io.k8s.apimachinery.pkg.runtime.RawExtension";
    public const string FieldsV1Name = "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1";
    public const string PatchName = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";
    public const string StatusName = "io.k8s.apimachinery.pkg.apis.meta.v1.Status";
    public const string DeleteOptionsName = "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions";

    private readonly TypeModel _model;

    public OpenApiSchemas(TypeModel model)
    {
        _model = model;
    }

    public static string Ref(string name) => "#/components/schemas/" + name;

    /// <summary>Adds the schema of <paramref name="typeName"/> and everything it references to <paramref name="schemas"/>.</summary>
    public void AddWithDependencies(string typeName, JsonObject schemas)
    {
        if (schemas.ContainsKey(typeName))
        {
            return;
        }

        TypeDefinition? type = _model.Find(typeName);
        if (type is null)
        {
            schemas[typeName] = Special(typeName);
            return;
        }

        schemas[typeName] = Build(type);
        foreach (FieldDefinition field in _model.JsonShape(type).Fields.Values)
        {
            if (ReferencedName(field) is { } name)
            {
                AddWithDependencies(name, schemas);
            }
        }
    }

    /// <summary>An open schema for a kind the type model does not describe.</summary>
    public static JsonObject OpenKind(string group, string version, string kind) => new()
    {
        ["description"] = $"{kind} ({(group.Length == 0 ? version : group + "/" + version)}); its fields are not described by this server.",
        ["type"] = "object",
        ["x-kubernetes-preserve-unknown-fields"] = true,
        ["x-kubernetes-group-version-kind"] = new JsonArray(Gvk(group, version, kind)),
    };

    /// <summary>
    /// A custom resource's schema as apiextensions-apiserver publishes it: the CRD's <c>openAPIV3Schema</c> with
    /// <c>apiVersion</c>, <c>kind</c> and <c>metadata</c> (ObjectMeta) declared, and the group-version-kind.
    /// </summary>
    public static JsonObject CustomKind(string group, string version, string kind, JsonObject schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var published = schema.DeepClone().AsObject();
        var properties = published["properties"] as JsonObject ?? [];
        published["properties"] = properties;
        properties["apiVersion"] = new JsonObject
        {
            ["description"] = "APIVersion defines the versioned schema of this representation of an object.",
            ["type"] = "string",
        };
        properties["kind"] = new JsonObject { ["description"] = "Kind is a string value representing the REST resource this object represents.", ["type"] = "string" };
        properties["metadata"] = new JsonObject
        {
            ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = Ref("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta") }),
            ["description"] = "Standard object's metadata.",
        };
        published["x-kubernetes-group-version-kind"] = new JsonArray(Gvk(group, version, kind));
        return published;
    }

    public static JsonObject Gvk(string group, string version, string kind) =>
        new() { ["group"] = group, ["kind"] = kind, ["version"] = version };

    private JsonObject Build(TypeDefinition type)
    {
        if (type.IsAnyValue)
        {
            // As Kubernetes publishes apiextensions' JSON: no type, so any value validates.
            return new JsonObject { ["description"] = type.Description };
        }

        if (type.IsListWrapper)
        {
            return new JsonObject { ["description"] = type.Description, ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } };
        }

        var (fields, open) = _model.JsonShape(type);
        var properties = new JsonObject();
        if (type.Kind is not null)
        {
            properties["apiVersion"] = new JsonObject { ["description"] = "APIVersion defines the versioned schema of this representation of an object.", ["type"] = "string" };
            properties["kind"] = new JsonObject { ["description"] = "Kind is a string value representing the REST resource this object represents.", ["type"] = "string" };
        }

        var required = new JsonArray();
        foreach (FieldDefinition field in fields.Values.OrderBy(f => f.JsonName, StringComparer.Ordinal))
        {
            properties[field.JsonName] = FieldSchema(field);
            if (field.Required)
            {
                required.Add(field.JsonName);
            }
        }

        var schema = new JsonObject { ["description"] = type.Description, ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        if (open)
        {
            schema["x-kubernetes-preserve-unknown-fields"] = true;
        }

        if (type.Kind is not null)
        {
            schema["x-kubernetes-group-version-kind"] = new JsonArray(Gvk(type.Group!, type.Version!, type.Kind));
        }

        return schema;
    }

    private static JsonObject FieldSchema(FieldDefinition field)
    {
        JsonObject element = ValueSchema(field);
        JsonObject schema;
        if (field.Repeated)
        {
            schema = new JsonObject { ["type"] = "array", ["items"] = element };
            if (field.MergeKey is not null)
            {
                schema["x-kubernetes-patch-merge-key"] = field.MergeKey;
            }

            if (field.PatchStrategy is not null)
            {
                schema["x-kubernetes-patch-strategy"] = field.PatchStrategy;
            }
        }
        else if (field.IsMap)
        {
            schema = new JsonObject { ["type"] = "object", ["additionalProperties"] = element };
        }
        else if (element.ContainsKey("$ref"))
        {
            // A $ref cannot carry siblings in OpenAPI 3.0, so Kubernetes wraps it in allOf to keep the description.
            schema = new JsonObject { ["allOf"] = new JsonArray(element) };
            if (field.PatchStrategy is not null)
            {
                schema["x-kubernetes-patch-strategy"] = field.PatchStrategy;
            }
        }
        else
        {
            schema = element;
        }

        if (field.Description.Length > 0)
        {
            schema["description"] = field.Description;
        }

        return schema;
    }

    private static JsonObject ValueSchema(FieldDefinition field) => field.Kind switch
    {
        FieldKind.Text => new JsonObject { ["type"] = "string" },
        FieldKind.Number32 => new JsonObject { ["type"] = "integer", ["format"] = "int32" },
        FieldKind.Number64 => new JsonObject { ["type"] = "integer", ["format"] = "int64" },
        FieldKind.Flag => new JsonObject { ["type"] = "boolean" },
        FieldKind.Real => new JsonObject { ["type"] = "number", ["format"] = "double" },
        FieldKind.Bytes => new JsonObject { ["type"] = "string", ["format"] = "byte" },
        FieldKind.Duration => new JsonObject { ["type"] = "string" },
        _ => new JsonObject { ["$ref"] = Ref(ReferencedName(field)!) },
    };

    private static string? ReferencedName(FieldDefinition field) => field.Kind switch
    {
        FieldKind.Message => field.Ref,
        FieldKind.Time => TimeName,
        FieldKind.MicroTime => MicroTimeName,
        FieldKind.Quantity => QuantityName,
        FieldKind.IntOrString => IntOrStringName,
        FieldKind.RawExtension => RawExtensionName,
        FieldKind.FieldsV1 => FieldsV1Name,
        _ => null,
    };

    private static JsonObject Special(string name) => name switch
    {
        TimeName => new JsonObject { ["description"] = "Time is a wrapper around time.Time serialized as RFC 3339 in UTC.", ["type"] = "string", ["format"] = "date-time" },
        MicroTimeName => new JsonObject { ["description"] = "MicroTime is a version of Time with microsecond precision.", ["type"] = "string", ["format"] = "date-time" },
        QuantityName => new JsonObject
        {
            ["description"] = "Quantity is a fixed-point representation of a number, e.g. 100m or 1Gi.",
            ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "number" }),
        },
        IntOrStringName => new JsonObject
        {
            ["description"] = "IntOrString is a type that can hold an int32 or a string.",
            ["type"] = "string",
            ["format"] = "int-or-string",
            ["x-kubernetes-int-or-string"] = true,
        },
        FieldsV1Name => new JsonObject { ["description"] = "FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format.", ["type"] = "object" },
        PatchName => new JsonObject { ["description"] = "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.", ["type"] = "object" },
        StatusName => new JsonObject { ["description"] = "Status is a return value for calls that don't return other objects.", ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
        DeleteOptionsName => new JsonObject { ["description"] = "DeleteOptions may be provided when deleting an API object.", ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
        _ => new JsonObject { ["description"] = "RawExtension holds any embedded object.", ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
    };
}
