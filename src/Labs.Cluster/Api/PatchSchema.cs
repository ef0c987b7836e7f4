using Labs.Cluster.Schema;

namespace Labs.Cluster.Api;

/// <summary>
/// Where strategic merge patch stands in the type model: the type of the object being merged, or, for a map field
/// such as <c>labels</c> or <c>properties</c>, the field whose values the map holds. Default when not modelled.
/// </summary>
internal readonly record struct PatchSchema(TypeModel? Model, TypeDefinition? Type, FieldDefinition? MapValues)
{
    /// <summary>The schema of a whole object, by its own apiVersion and kind.</summary>
    public static PatchSchema Of(TypeModel model, TypeDefinition? type) => new(model, type, null);

    /// <summary>The definition of a member of this object: a field of the type, or any key of a map.</summary>
    public FieldDefinition? Field(string key) =>
        MapValues ?? (Type is null || Model is null ? null : Model.JsonShape(Type).Fields.GetValueOrDefault(key));

    /// <summary>The schema of a member's value when it is an object.</summary>
    public PatchSchema Child(string key) => ValueOf(Field(key), asMap: MapValues is null);

    /// <summary>The schema of one element of a list field.</summary>
    public PatchSchema Element(FieldDefinition? field) => ValueOf(field, asMap: false);

    private PatchSchema ValueOf(FieldDefinition? field, bool asMap)
    {
        if (field is null || Model is null)
        {
            return default;
        }

        if (asMap && field.IsMap)
        {
            return new PatchSchema(Model, null, field);
        }

        return field.Kind == FieldKind.Message ? new PatchSchema(Model, Model.Resolve(field), null) : default;
    }
}
