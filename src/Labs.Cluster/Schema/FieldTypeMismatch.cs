namespace Labs.Cluster.Schema;

/// <summary>
/// A value the real API server could not decode into its Go type: a string where an integer belongs, an int32 out of
/// range, a quantity or timestamp that does not parse, invalid base64... with the error text each decoder gives.
/// </summary>
/// <param name="Path">Field path, e.g. <c>spec.template.spec.containers[0].ports[0].containerPort</c>.</param>
/// <param name="Expected">Expected Go type, e.g. <c>int32</c>, <c>string</c>, <c>v1.DeploymentSpec</c>, <c>resource.Quantity</c>.</param>
/// <param name="Actual">What was found, as Go's decoder describes it: <c>string</c>, <c>number</c>, <c>number 1e12</c>, <c>object</c>.</param>
public sealed record FieldTypeMismatch(string Path, string Expected, string Actual)
{
    /// <summary>
    /// What Kubernetes' JSON decoder reports (create, update, JSON and merge patch), e.g.
    /// <c>json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32</c>.
    /// </summary>
    public string DecodeError { get; init; } = string.Empty;

    /// <summary>What the unstructured converter behind strategic merge patch reports, e.g. <c>unrecognized type: int32</c>.</summary>
    public string ConvertError { get; init; } = string.Empty;

    /// <summary>
    /// What structured-merge-diff reports for server-side apply, e.g.
    /// <c>.spec.replicas: expected numeric (int or float), got string</c>.
    /// </summary>
    public string ApplyError { get; init; } = string.Empty;
}
