namespace Labs.Sessions;

/// <summary>The Container item of a LimitRange: resource name → quantity for each of its maps.</summary>
/// <param name="Default">Limits given to containers that state none.</param>
/// <param name="DefaultRequest">Requests given to containers that state none.</param>
/// <param name="Max">The most any one container may ask for.</param>
public sealed record ContainerLimitRange(
    IReadOnlyDictionary<string, string> Default,
    IReadOnlyDictionary<string, string> DefaultRequest,
    IReadOnlyDictionary<string, string> Max);
