using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Api.Apply;

/// <summary>
/// A position of a custom resource, typed by its CRD's structural schema: <c>properties</c> make a struct,
/// <c>additionalProperties</c> a map, <c>x-kubernetes-preserve-unknown-fields</c> without properties an untyped value;
/// arrays follow <c>x-kubernetes-list-type</c> (atomic unless it says <c>set</c> or <c>map</c>, keyed by
/// <c>x-kubernetes-list-map-keys</c>) and objects <c>x-kubernetes-map-type</c>.
/// </summary>
internal sealed class SchemaApplyType : ApplyType
{
    private static readonly ConditionalWeakTable<JsonObject, SchemaApplyType> Roots = new();

    private readonly JsonObject _schema;
    private readonly bool _resourceRoot;
    private readonly Dictionary<string, ApplyType?> _fields = new(StringComparer.Ordinal);

    private SchemaApplyType(JsonObject schema, bool resourceRoot)
    {
        _schema = schema;
        _resourceRoot = resourceRoot;
    }

    /// <summary>The type of a custom resource whose version schema is <paramref name="root"/> (one instance per schema).</summary>
    public static ApplyType ForResource(JsonObject root) => Roots.GetValue(root, r => new SchemaApplyType(r, resourceRoot: true));

    /// <inheritdoc />
    public override ApplyShape Shape => (string?)_schema["type"] switch
    {
        "array" => ApplyShape.List,
        "object" when _schema["properties"] is JsonObject || _resourceRoot => ApplyShape.Struct,
        "object" => ApplyShape.Map,
        _ => ApplyShape.Scalar,
    };

    /// <inheritdoc />
    public override bool Atomic => (string?)_schema["x-kubernetes-map-type"] == "atomic";

    /// <inheritdoc />
    public override ListShape List => (string?)_schema["x-kubernetes-list-type"] switch
    {
        "set" => ListShape.Set,
        "map" => ListShape.Map,
        _ => ListShape.Atomic,
    };

    /// <inheritdoc />
    public override IReadOnlyList<string> Keys =>
        _schema["x-kubernetes-list-map-keys"] is JsonArray keys ? keys.Select(k => (string?)k ?? string.Empty).ToArray() : [];

    /// <inheritdoc />
    public override JsonNode? KeyDefault(string key) => _schema["items"]?["properties"]?[key]?["default"];

    private ApplyType? _element;

    /// <inheritdoc />
    public override ApplyType Element => _element ??=
        _schema["items"] is JsonObject items ? Of(items)
        : _schema["additionalProperties"] is JsonObject values ? Of(values)
        : ApplyTypes.Untyped;

    /// <inheritdoc />
    public override ApplyType? Field(string name)
    {
        lock (_fields)
        {
            if (!_fields.TryGetValue(name, out var field))
            {
                field = _resourceRoot && name == "metadata" ? ApplyTypes.ObjectMeta
                    : _resourceRoot && name is "apiVersion" or "kind" ? ApplyTypes.Scalar
                    : _schema["properties"]?[name] is JsonObject property ? Of(property)
                    : PreservesUnknown ? ApplyTypes.Untyped
                    : null;
                _fields[name] = field;
            }

            return field;
        }
    }

    private bool PreservesUnknown => _schema["x-kubernetes-preserve-unknown-fields"] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    private static ApplyType Of(JsonObject schema)
    {
        var preserves = schema["x-kubernetes-preserve-unknown-fields"] is JsonValue v && v.GetValueKind() == JsonValueKind.True;
        if (schema["x-kubernetes-int-or-string"] is not null)
        {
            return ApplyTypes.Scalar;
        }

        return preserves && schema["properties"] is null && schema["items"] is null ? ApplyTypes.Untyped : new SchemaApplyType(schema, false);
    }
}
