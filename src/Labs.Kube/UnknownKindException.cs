namespace Labs.Kube;

/// <summary>The cluster's discovery does not list a kind (or its apiVersion at all).</summary>
public sealed class UnknownKindException : Exception
{
    /// <summary>Creates the exception for <paramref name="kind"/> in <paramref name="apiVersion"/>.</summary>
    /// <param name="apiVersion">The apiVersion asked for, e.g. <c>apps/v1</c>.</param>
    /// <param name="kind">The kind asked for, e.g. <c>Deployment</c>.</param>
    /// <param name="served">Kinds the cluster does serve in that apiVersion; empty when it serves no such apiVersion.</param>
    public UnknownKindException(string apiVersion, string kind, IReadOnlyCollection<string> served)
        : base(Describe(apiVersion, kind, served))
    {
        ApiVersion = apiVersion;
        Kind = kind;
    }

    /// <summary>The apiVersion asked for.</summary>
    public string ApiVersion { get; }

    /// <summary>The kind asked for.</summary>
    public string Kind { get; }

    private static string Describe(string apiVersion, string kind, IReadOnlyCollection<string> served) =>
        served.Count == 0
            ? $"the cluster serves no apiVersion {apiVersion}, so it has no kind {kind} there"
            : $"the cluster has no kind {kind} in apiVersion {apiVersion} (it serves {string.Join(", ", served.Order(StringComparer.Ordinal))})";
}
