using Labs.Cluster.Schema.Types;

namespace Labs.Cluster.Schema;

/// <summary>
/// The type model of every API object the embedded cluster serves: fields, JSON names, protobuf numbers and shapes.
/// The protobuf decoder, the unknown-field finder and the OpenAPI documents are all derived from it.
/// </summary>
public sealed class TypeModel
{
    private readonly Dictionary<string, TypeDefinition> _types;
    private readonly Dictionary<(string ApiVersion, string Kind), TypeDefinition> _kinds = [];
    private readonly Dictionary<string, (IReadOnlyDictionary<string, FieldDefinition>, bool)> _shapes = new(StringComparer.Ordinal);

    private TypeModel(Dictionary<string, TypeDefinition> types)
    {
        _types = types;
        foreach (TypeDefinition type in types.Values)
        {
            foreach (FieldDefinition field in type.Fields)
            {
                if (field.Ref is not null && !types.ContainsKey(field.Ref))
                {
                    throw new InvalidOperationException($"Type model: {type.Name}.{field.JsonName} refers to unknown type {field.Ref}.");
                }
            }

            if (type.Kind is not null)
            {
                string apiVersion = type.Group!.Length == 0 ? type.Version! : $"{type.Group}/{type.Version}";
                _kinds[(apiVersion, type.Kind)] = type;
            }
        }
    }

    /// <summary>The built-in model (parsed once).</summary>
    public static TypeModel Default { get; } = Build();

    /// <summary>All types by full name.</summary>
    public IReadOnlyDictionary<string, TypeDefinition> Types => _types;

    /// <summary>The top-level types (those with a group/version/kind).</summary>
    public IEnumerable<TypeDefinition> Kinds => _kinds.Values;

    /// <summary>Finds a type by its full name, e.g. <c>io.k8s.api.core.v1.Pod</c>.</summary>
    public TypeDefinition? Find(string name) => _types.GetValueOrDefault(name);

    /// <summary>Finds the top-level type for an apiVersion (<c>v1</c>, <c>apps/v1</c>) and kind, or null when not modelled.</summary>
    public TypeDefinition? FindKind(string apiVersion, string kind) => _kinds.GetValueOrDefault((apiVersion, kind));

    /// <summary>The type of a field's value (null for scalars).</summary>
    public TypeDefinition? Resolve(FieldDefinition field) => field.Ref is null ? null : _types[field.Ref];

    /// <summary>
    /// The JSON properties of a type with embedded (inline) structs flattened in, and whether the result is open
    /// (the type or any embedded type is not fully modelled).
    /// </summary>
    public (IReadOnlyDictionary<string, FieldDefinition> Fields, bool Open) JsonShape(TypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(type);
        lock (_shapes)
        {
            if (_shapes.TryGetValue(type.Name, out var shape))
            {
                return shape;
            }

            var fields = new Dictionary<string, FieldDefinition>(StringComparer.Ordinal);
            bool open = type.Open;
            foreach (FieldDefinition field in type.Fields)
            {
                if (field.Inline)
                {
                    var (inner, innerOpen) = JsonShape(Resolve(field)!);
                    open |= innerOpen;
                    foreach (var pair in inner)
                    {
                        fields[pair.Key] = pair.Value;
                    }
                }
                else
                {
                    fields[field.JsonName] = field;
                }
            }

            shape = (fields, open);
            _shapes[type.Name] = shape;
            return shape;
        }
    }

    /// <summary>
    /// The field at a JSON path of a kind, e.g. <c>["spec", "template", "spec", "containers"]</c> (list elements are
    /// stepped through without an index), or null when the kind or any step is not modelled. Strategic merge patch
    /// reads <see cref="FieldDefinition.MergeKey"/> and <see cref="FieldDefinition.PatchStrategy"/> from it.
    /// </summary>
    public FieldDefinition? FieldAt(string apiVersion, string kind, IEnumerable<string> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        TypeDefinition? type = FindKind(apiVersion, kind);
        FieldDefinition? field = null;
        foreach (string step in path)
        {
            if (type is null || !JsonShape(type).Fields.TryGetValue(step, out field))
            {
                return null;
            }

            type = Resolve(field);
        }

        return field;
    }

    /// <summary>Builds a model from tables in the compact text format (see <see cref="TypeModelParser"/>); for tests and extensions.</summary>
    internal static TypeModel Parse(IEnumerable<(string Source, string Text)> tables)
    {
        var types = new Dictionary<string, TypeDefinition>(StringComparer.Ordinal);
        foreach ((string source, string text) in tables)
        {
            TypeModelParser.Parse(text, source, types);
        }

        return new TypeModel(types);
    }

    private static TypeModel Build() => Parse(TypeTables.All);
}
