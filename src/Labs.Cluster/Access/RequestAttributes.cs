namespace Labs.Cluster.Access;

/// <summary>
/// What a request does, in the terms RBAC decides on (Kubernetes' <c>authorizer.Attributes</c>): either a verb on a
/// resource (group, resource, subresource, namespace, name) or a verb on a non-resource path such as <c>/version</c>.
/// Build them with <see cref="ForResource"/>, <see cref="ForPath"/> or <see cref="FromHttp"/>.
/// </summary>
public sealed partial record RequestAttributes
{
    private RequestAttributes(string verb, bool isResourceRequest)
    {
        Verb = verb;
        IsResourceRequest = isResourceRequest;
    }

    /// <summary>
    /// The verb: <c>get list watch create update patch delete deletecollection</c> for resources (also <c>*</c> in
    /// access reviews); the lower-case HTTP method (<c>get</c>, <c>post</c>...) for non-resource paths.
    /// </summary>
    public string Verb { get; }

    /// <summary>True for resource requests, false for non-resource paths.</summary>
    public bool IsResourceRequest { get; }

    /// <summary>API group; empty for core.</summary>
    public string ApiGroup { get; private init; } = "";

    /// <summary>API version (informational; RBAC ignores it).</summary>
    public string ApiVersion { get; private init; } = "";

    /// <summary>Plural resource name, e.g. <c>pods</c>.</summary>
    public string Resource { get; private init; } = "";

    /// <summary>Subresource, e.g. <c>exec</c>; empty when none.</summary>
    public string Subresource { get; private init; } = "";

    /// <summary>Namespace; empty for cluster-scoped requests and requests across all namespaces.</summary>
    public string Namespace { get; private init; } = "";

    /// <summary>Object name; empty for collections.</summary>
    public string Name { get; private init; } = "";

    /// <summary>The URL path, for non-resource requests.</summary>
    public string Path { get; private init; } = "";

    /// <summary>A verb on a resource.</summary>
    /// <param name="verb">RBAC verb, e.g. <c>list</c>.</param>
    /// <param name="apiGroup">API group; empty for core.</param>
    /// <param name="resource">Plural resource name.</param>
    /// <param name="ns">Namespace, or null/empty for cluster scope.</param>
    /// <param name="name">Object name, or null/empty for collections.</param>
    /// <param name="subresource">Subresource, or null/empty.</param>
    /// <param name="apiVersion">API version, informational.</param>
    public static RequestAttributes ForResource(
        string verb, string apiGroup, string resource, string? ns = null, string? name = null, string? subresource = null, string? apiVersion = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(verb);
        ArgumentNullException.ThrowIfNull(apiGroup);
        ArgumentNullException.ThrowIfNull(resource);
        return new RequestAttributes(verb, true)
        {
            ApiGroup = apiGroup,
            Resource = resource,
            Namespace = ns ?? "",
            Name = name ?? "",
            Subresource = subresource ?? "",
            ApiVersion = apiVersion ?? "",
        };
    }

    /// <summary>A verb (lower-case HTTP method) on a non-resource path such as <c>/version</c>.</summary>
    public static RequestAttributes ForPath(string verb, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(verb);
        ArgumentNullException.ThrowIfNull(path);
        return new RequestAttributes(verb.ToLowerInvariant(), false) { Path = path };
    }

    /// <summary><c>pods</c>, or <c>pods/exec</c> with a subresource: how RBAC rules and messages name it.</summary>
    public string ResourceWithSubresource => Subresource.Length == 0 ? Resource : $"{Resource}/{Subresource}";

    /// <inheritdoc />
    public override string ToString() => IsResourceRequest
        ? $"{Verb} {ResourceWithSubresource}{(ApiGroup.Length == 0 ? "" : "." + ApiGroup)}{(Name.Length == 0 ? "" : " " + Name)}{(Namespace.Length == 0 ? "" : " in " + Namespace)}"
        : $"{Verb} {Path}";
}
