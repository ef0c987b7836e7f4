using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Labs.Cluster.Schema;

namespace Labs.Cluster.Api.Apply;

/// <summary>
/// A built-in type from the type model. Lists with a merge key are list maps on that key, lists of scalars with the
/// merge strategy are sets, other lists atomic, as Kubernetes' OpenAPI-to-schema conversion reads the patch tags. The
/// Go markers the model does not record (<c>+structType=atomic</c>, <c>+listMapKey</c> beyond the merge key) are the
/// tables below.
/// </summary>
internal sealed class ModelApplyType : ApplyType
{
    private const string Core = "io.k8s.api.core.v1.";
    private const string Meta = "io.k8s.apimachinery.pkg.apis.meta.v1.";

    // +structType=atomic in k8s.io/api and apimachinery.
    private static readonly HashSet<string> AtomicStructs = new(StringComparer.Ordinal)
    {
        Meta + "LabelSelector", Core + "ObjectReference", Core + "LocalObjectReference", Core + "TypedLocalObjectReference",
        Core + "ConfigMapKeySelector", Core + "SecretKeySelector", Core + "ObjectFieldSelector", Core + "ResourceFieldSelector",
        Core + "NodeSelector", Core + "TopologySelectorTerm",
    };

    // +listType=map lists whose +listMapKey set is more than the patch merge key.
    private static readonly Dictionary<string, string[]> ListMapKeys = new(StringComparer.Ordinal)
    {
        [Core + "Container.ports"] = ["containerPort", "protocol"],
        [Core + "EphemeralContainer.ports"] = ["containerPort", "protocol"],
        [Core + "ServiceSpec.ports"] = ["port", "protocol"],
        [Core + "PodSpec.topologySpreadConstraints"] = ["topologyKey", "whenUnsatisfiable"],
    };

    private static readonly JsonNode Tcp = JsonValue.Create("TCP");

    private static readonly ConcurrentDictionary<string, ModelApplyType> Types = new(StringComparer.Ordinal);

    private readonly TypeDefinition _type;
    private readonly ConcurrentDictionary<string, ApplyType?> _fields = new(StringComparer.Ordinal);

    private JsonObject? _zero;

    private ModelApplyType(TypeDefinition type) => _type = type;

    /// <summary>The apply type of a modelled type (one instance per type, so recursive types end).</summary>
    public static ModelApplyType Of(TypeDefinition type) => Types.GetOrAdd(type.Name, _ => new ModelApplyType(type));

    /// <inheritdoc />
    public override ApplyShape Shape => ApplyShape.Struct;

    /// <inheritdoc />
    public override bool Atomic => AtomicStructs.Contains(_type.Name);

    /// <inheritdoc />
    public override ApplyType? Field(string name) => _fields.GetOrAdd(name, n =>
    {
        var (fields, open) = TypeModel.Default.JsonShape(_type);
        if (!fields.TryGetValue(n, out var field))
        {
            return open ? ApplyTypes.Untyped : null;
        }

        var value = ValueType(field);
        if (field.Repeated)
        {
            return new ListType(value, ListShapeOf(field, value), KeysOf(field));
        }

        return field.IsMap ? new MapType(value) : value;
    });

    /// <inheritdoc />
    public override JsonObject Zero() => (_zero ??= ZeroOf(_type, 0)).DeepClone().AsObject();

    // The JSON of a Go zero value: struct fields that are not pointers are objects, required lists, maps and pointers
    // are null; what the real API server compares a new object with on create.
    private static JsonObject ZeroOf(TypeDefinition type, int depth)
    {
        var zero = new JsonObject();
        foreach (var (name, field) in TypeModel.Default.JsonShape(type).Fields)
        {
            if (field.Kind == FieldKind.Message && !field.IsPointer && !field.Repeated && !field.IsMap && depth < 12
                && TypeModel.Default.Resolve(field) is { IsListWrapper: false } inner)
            {
                zero[name] = ZeroOf(inner, depth + 1);
            }
            else if (field.Required && (field.Repeated || field.IsMap || field.IsPointer) || field.Kind is FieldKind.Time && !field.IsPointer)
            {
                zero[name] = null;
            }
        }

        return zero;
    }

    private static ApplyType ValueType(FieldDefinition field) => field.Kind switch
    {
        FieldKind.Message when TypeModel.Default.Resolve(field) is { IsListWrapper: false } inner => Of(inner),
        FieldKind.RawExtension => ApplyTypes.Untyped,
        _ => ApplyTypes.Scalar,
    };

    private static ListShape ListShapeOf(FieldDefinition field, ApplyType items)
    {
        if (field.MergeKey is not null)
        {
            return ListShape.Map;
        }

        var merges = field.PatchStrategy?.Split(',').Contains("merge") == true;
        return merges && items.Shape == ApplyShape.Scalar ? ListShape.Set : ListShape.Atomic;
    }

    private string[] KeysOf(FieldDefinition field) =>
        ListMapKeys.GetValueOrDefault($"{_type.Name}.{field.JsonName}") ?? (field.MergeKey is { } key ? [key] : []);

    private sealed class ListType(ApplyType items, ListShape shape, string[] keys) : ApplyType
    {
        public override ApplyShape Shape => ApplyShape.List;

        public override ListShape List => shape;

        public override IReadOnlyList<string> Keys => keys;

        public override JsonNode? KeyDefault(string key) => key == "protocol" ? Tcp : null;

        public override ApplyType Element => items;
    }

    private sealed class MapType(ApplyType values) : ApplyType
    {
        public override ApplyShape Shape => ApplyShape.Map;

        public override ApplyType Element => values;
    }
}
