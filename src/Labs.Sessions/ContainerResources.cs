namespace Labs.Sessions;

/// <summary>A container's <c>resources</c>: resource name → quantity, e.g. <c>cpu</c> → <c>500m</c>.</summary>
/// <param name="Requests">What the container is guaranteed.</param>
/// <param name="Limits">The most it may use.</param>
public sealed record ContainerResources(IReadOnlyDictionary<string, string> Requests, IReadOnlyDictionary<string, string> Limits);
