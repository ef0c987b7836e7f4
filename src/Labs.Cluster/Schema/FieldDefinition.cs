namespace Labs.Cluster.Schema;

/// <summary>One field of a modelled API type.</summary>
/// <param name="JsonName">Name in JSON (also the protobuf field name).</param>
/// <param name="Number">Protobuf field number.</param>
/// <param name="Kind">Shape of the value, or of each element/map value.</param>
/// <param name="Ref">Full type name when <paramref name="Kind"/> is <see cref="FieldKind.Message"/>.</param>
/// <param name="Repeated">A JSON array (protobuf repeated field).</param>
/// <param name="IsMap">A JSON object keyed by string (protobuf map&lt;string, value&gt;).</param>
/// <param name="IsPointer">A Go pointer field: zero values are meaningful and kept when decoding.</param>
/// <param name="Inline">An embedded Go struct: its fields appear directly in the parent JSON object.</param>
/// <param name="Required">Required by the API (reported in OpenAPI <c>required</c>).</param>
/// <param name="MergeKey">Strategic-merge-patch merge key, or null.</param>
/// <param name="PatchStrategy">Strategic-merge-patch strategy (<c>merge</c>, <c>retainKeys</c>, ...), or null.</param>
/// <param name="Description">One-line description for <c>kubectl explain</c>.</param>
public sealed record FieldDefinition(
    string JsonName,
    int Number,
    FieldKind Kind,
    string? Ref,
    bool Repeated,
    bool IsMap,
    bool IsPointer,
    bool Inline,
    bool Required,
    string? MergeKey,
    string? PatchStrategy,
    string Description)
{
    /// <summary>
    /// Listed in OpenAPI's <c>required</c> (a Go field without <c>omitempty</c>) but accepted when missing, because the
    /// API server decodes it to its zero value, e.g. a CRD version's <c>served</c>.
    /// </summary>
    public bool RequiredInSchemaOnly { get; init; }
}
