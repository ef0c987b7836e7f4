namespace Labs.Kube;

/// <summary>Query options of a LIST.</summary>
/// <param name="LabelSelector">Label selector, e.g. <c>app=web,tier!=db</c>.</param>
/// <param name="FieldSelector">Field selector, e.g. <c>metadata.name=web</c>.</param>
public sealed record ListOptions(string? LabelSelector = null, string? FieldSelector = null);
