namespace Labs.Cluster.Schema;

/// <summary>A value whose JSON type does not match the model, e.g. a string where an integer is expected.</summary>
/// <param name="Path">Field path, e.g. <c>spec.replicas</c>.</param>
/// <param name="Expected">Expected type in Go terms, e.g. <c>int32</c>, <c>string</c>, <c>object</c>.</param>
/// <param name="Actual">JSON type found, e.g. <c>string</c>, <c>number</c>.</param>
public sealed record FieldTypeMismatch(string Path, string Expected, string Actual);
