using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Access;

/// <summary>Mapping HTTP requests to attributes the way the Kubernetes API server does (its <c>RequestInfoFactory</c>).</summary>
public sealed partial record RequestAttributes
{
    // Namespaces carry these subresources themselves: /api/v1/namespaces/x/status is not a resource named "status" in x.
    private static readonly HashSet<string> NamespaceSubresources = ["status", "finalize"];

    // Streaming subresources are authorized as "create" whatever the method, so a GET websocket upgrade for exec
    // needs the same "create pods/exec" permission as the SPDY POST.
    private static readonly HashSet<string> ConnectSubresources = ["exec", "attach", "portforward"];

    /// <summary>
    /// The attributes of a resource request from its HTTP method and route parts: GET/HEAD on an item is <c>get</c>,
    /// on a collection <c>list</c> (or <c>watch</c> when <paramref name="isWatch"/>), POST <c>create</c>, PUT
    /// <c>update</c>, PATCH <c>patch</c>, DELETE on an item <c>delete</c>, on a collection <c>deletecollection</c>;
    /// exec, attach and portforward are <c>create</c> on <c>pods/exec</c> etc. whatever the method.
    /// </summary>
    public static RequestAttributes FromRoute(
        string httpMethod, bool isWatch, string apiGroup, string resource, string? ns, string? name, string? subresource = null, string? apiVersion = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(httpMethod);
        var hasName = !string.IsNullOrEmpty(name);
        var verb = httpMethod.ToUpperInvariant() switch
        {
            _ when !string.IsNullOrEmpty(subresource) && ConnectSubresources.Contains(subresource) => "create",
            "GET" or "HEAD" => isWatch ? "watch" : hasName ? "get" : "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => hasName ? "delete" : "deletecollection",
            var other => other.ToLowerInvariant(),
        };
        return ForResource(verb, apiGroup, resource, ns, name, subresource, apiVersion);
    }

    /// <summary>
    /// The attributes of a request from its method, path and query, e.g. <c>GET /apis/apps/v1/namespaces/ns1/deployments?watch=true</c>.
    /// Paths outside <c>/api/v1/...</c> and <c>/apis/GROUP/VERSION/...</c> resources (discovery, <c>/version</c>,
    /// <c>/openapi/v3</c>) are non-resource requests. A <c>metadata.name=</c> field selector names the object, as in Kubernetes.
    /// </summary>
    /// <param name="httpMethod">HTTP method.</param>
    /// <param name="path">URL path without the query.</param>
    /// <param name="watch">The <c>watch</c> query parameter, if any.</param>
    /// <param name="fieldSelector">The <c>fieldSelector</c> query parameter, if any.</param>
    public static RequestAttributes FromHttp(string httpMethod, string path, string? watch = null, string? fieldSelector = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(httpMethod);
        ArgumentNullException.ThrowIfNull(path);
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        int rest;
        string group;
        string version;
        if (parts.Length >= 3 && parts[0] == "api")
        {
            (group, version, rest) = ("", parts[1], 2);
        }
        else if (parts.Length >= 4 && parts[0] == "apis")
        {
            (group, version, rest) = (parts[1], parts[2], 3);
        }
        else
        {
            return ForPath(httpMethod, path);
        }

        var isWatch = Api.ListQuery.Flag(watch);
        if (parts[rest] == "watch")
        {
            // Legacy /api/v1/watch/... paths.
            isWatch = true;
            rest++;
        }

        var segments = parts.AsSpan(rest);
        string? ns = null;
        if (segments.Length >= 2 && segments[0] == "namespaces")
        {
            // For the namespace object itself (and its status/finalize) Kubernetes reports its own name as the namespace.
            ns = segments[1];
            if (segments.Length > 2 && !NamespaceSubresources.Contains(segments[2]))
            {
                segments = segments[2..];
            }
        }

        if (segments.Length == 0)
        {
            return ForPath(httpMethod, path);
        }

        var resource = segments[0];
        var name = segments.Length > 1 ? segments[1] : null;
        // As RequestInfo: the subresource is one segment; what follows (a proxy's path) is not part of it.
        var subresource = segments.Length > 2 ? segments[2] : null;
        if (name is null && NameFromFieldSelector(fieldSelector) is { } selected)
        {
            name = selected;
            if (httpMethod.Equals("GET", StringComparison.OrdinalIgnoreCase) || httpMethod.Equals("HEAD", StringComparison.OrdinalIgnoreCase))
            {
                // A collection read narrowed to one name is still a list or watch.
                var verb = isWatch ? "watch" : "list";
                return ForResource(verb, group, resource, ns, name, subresource, version);
            }
        }

        return FromRoute(httpMethod, isWatch, group, resource, ns, name, subresource, version);
    }

    /// <summary>The attributes of an ASP.NET Core request (method, path, <c>watch</c> and <c>fieldSelector</c> query parameters).</summary>
    public static RequestAttributes FromHttp(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return FromHttp(request.Method, request.Path.Value ?? "/", request.Query["watch"].FirstOrDefault(), request.Query["fieldSelector"].FirstOrDefault());
    }

    private static string? NameFromFieldSelector(string? fieldSelector)
    {
        if (string.IsNullOrEmpty(fieldSelector))
        {
            return null;
        }

        foreach (var term in fieldSelector.Split(','))
        {
            var trimmed = term.Trim();
            foreach (var prefix in (string[])["metadata.name==", "metadata.name="])
            {
                if (trimmed.StartsWith(prefix, StringComparison.Ordinal) && trimmed.Length > prefix.Length)
                {
                    return trimmed[prefix.Length..];
                }
            }
        }

        return null;
    }
}
