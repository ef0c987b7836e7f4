namespace Labs.Cluster.Api;

/// <summary>
/// What a request asks for, parsed from its path and method the way Kubernetes' RequestInfo does: the authorizer and
/// the handlers both read it.
/// </summary>
/// <param name="Verb">Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection; for
/// non-resource requests the lowercase HTTP method.</param>
/// <param name="Path">The request path.</param>
/// <param name="IsResourceRequest">Whether the path names a resource (else discovery, version, openapi...).</param>
/// <param name="Group">API group of the resource (empty for core).</param>
/// <param name="Version">API version of the resource.</param>
/// <param name="Resource">Plural resource name, or empty.</param>
/// <param name="Subresource">Subresource (status, scale, exec...), or empty.</param>
/// <param name="Namespace">Namespace, or empty for cluster scope and all-namespace lists.</param>
/// <param name="Name">Object name, or empty for collections.</param>
public sealed record ApiRequest(
    string Verb,
    string Path,
    bool IsResourceRequest,
    string Group,
    string Version,
    string Resource,
    string Subresource,
    string Namespace,
    string Name);
