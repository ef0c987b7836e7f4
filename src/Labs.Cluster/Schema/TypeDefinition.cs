namespace Labs.Cluster.Schema;

/// <summary>One modelled API message type and its fields.</summary>
public sealed class TypeDefinition
{
    private readonly Dictionary<int, FieldDefinition> _byNumber = [];
    private readonly Dictionary<string, FieldDefinition> _byJsonName = new(StringComparer.Ordinal);
    private readonly List<FieldDefinition> _fields = [];

    /// <summary>Creates an empty type.</summary>
    /// <param name="name">Full OpenAPI name, e.g. <c>io.k8s.api.apps.v1.Deployment</c>.</param>
    /// <param name="open">True when the model is incomplete: unknown fields are preserved and never reported.</param>
    /// <param name="description">One-line description.</param>
    public TypeDefinition(string name, bool open, string description)
    {
        Name = name;
        Open = open;
        Description = description;
    }

    /// <summary>Full OpenAPI name.</summary>
    public string Name { get; }

    /// <summary>True when fields beyond the modelled ones may exist.</summary>
    public bool Open { get; }

    /// <summary>One-line description.</summary>
    public string Description { get; }

    /// <summary>True for a wrapper whose JSON form is the plain array held in its single repeated field (e.g. ExtraValue).</summary>
    public bool IsListWrapper { get; internal set; }

    /// <summary>True for a type whose JSON form is any value at all (apiextensions' <c>JSON</c>, <c>JSONSchemaPropsOrBool</c>, ...).</summary>
    public bool IsAnyValue { get; internal set; }

    /// <summary>API group of a top-level kind (empty for core), or null for nested types.</summary>
    public string? Group { get; internal set; }

    /// <summary>API version of a top-level kind, or null.</summary>
    public string? Version { get; internal set; }

    /// <summary>Kind of a top-level kind, or null.</summary>
    public string? Kind { get; internal set; }

    /// <summary>Fields in declaration order.</summary>
    public IReadOnlyList<FieldDefinition> Fields => _fields;

    /// <summary>Finds a field by protobuf number.</summary>
    public FieldDefinition? FieldByNumber(int number) => _byNumber.GetValueOrDefault(number);

    /// <summary>Finds a field by JSON name.</summary>
    public FieldDefinition? FieldByJsonName(string name) => _byJsonName.GetValueOrDefault(name);

    internal void Add(FieldDefinition field)
    {
        if (!_byNumber.TryAdd(field.Number, field) || !_byJsonName.TryAdd(field.JsonName, field))
        {
            throw new InvalidOperationException($"Type model: {Name} declares field {field.JsonName} = {field.Number} twice.");
        }

        _fields.Add(field);
    }
}
