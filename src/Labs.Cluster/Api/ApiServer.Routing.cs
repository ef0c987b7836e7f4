using Labs.Cluster.Registry;
using Labs.Cluster.Storage;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Api;

/// <summary>Parsing paths into <see cref="ApiRequest"/>s and dispatching resource requests by verb.</summary>
internal sealed partial class ApiServer
{
    // Subresources of namespaces themselves, which otherwise read like /namespaces/{ns}/{resource}.
    private static readonly HashSet<string> NamespaceSubresources = ["status", "finalize"];

    /// <summary>Parses a request the way Kubernetes' RequestInfoFactory does.</summary>
    public static ApiRequest ParseRequest(string method, string path, IQueryCollection query)
    {
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var nonResource = new ApiRequest(method.ToLowerInvariant(), path, false, "", "", "", "", "", "");
        string group, version;
        int rest;
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
            return nonResource;
        }

        var segments = parts[rest..];
        var ns = "";
        if (segments[0] == "namespaces" && segments.Length >= 2)
        {
            ns = segments[1];
            if (segments.Length >= 3 && !NamespaceSubresources.Contains(segments[2]))
            {
                segments = segments[2..];
            }
            else
            {
                ns = "";
            }
        }

        var resource = segments[0];
        var name = segments.Length >= 2 ? segments[1] : "";
        var subresource = segments.Length >= 3 ? string.Join('/', segments[2..]) : "";
        if (resource == "namespaces" && name.Length > 0)
        {
            ns = name;
        }

        var isWatch = ListQuery.Flag(query.TryGetValue("watch", out var watch) && watch.Count > 0 ? watch[0] : null);
        var verb = method.ToUpperInvariant() switch
        {
            "GET" or "HEAD" when isWatch => "watch",
            "GET" or "HEAD" => name.Length == 0 ? "list" : "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => name.Length == 0 ? "deletecollection" : "delete",
            _ => method.ToLowerInvariant(),
        };
        return new ApiRequest(verb, path, true, group, version, resource, subresource, ns, name);
    }

    private async Task ServeResourceAsync(HttpContext context, ApiRequest request)
    {
        var strategy = _store.Registry.Find(request.Group, request.Version, request.Resource)
            ?? throw new ApiException(404, "NotFound", "the server could not find the requested resource");
        var definition = strategy.Definition;
        var gr = strategy.Resource;
        string? ns = definition.Namespaced && request.Namespace.Length > 0 ? request.Namespace : null;
        if (definition.Namespaced && ns is null && request.Name.Length > 0)
        {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource");
        }

        if (request.Subresource.Length > 0)
        {
            // A proxy's path goes on after its subresource (pods/web:80/proxy/index.html).
            if (!definition.Subresources.Contains(request.Subresource.Split('/')[0]))
            {
                throw new ApiException(404, "NotFound", "the server could not find the requested resource");
            }

            await ServeSubresourceAsync(context, request, strategy, ns);
            return;
        }

        var target = new Target(strategy, ns, request.Name);
        switch (request.Verb)
        {
            case "get":
                await GetAsync(context, target);
                break;
            case "list":
                await ListAsync(context, target);
                break;
            case "watch":
                await WatchAsync(context, target);
                break;
            case "create" when request.Name.Length == 0:
                await CreateAsync(context, target);
                break;
            case "update" when request.Name.Length > 0:
                await UpdateAsync(context, target);
                break;
            case "patch" when request.Name.Length > 0:
                await PatchAsync(context, target, statusOnly: false);
                break;
            case "delete":
                await DeleteAsync(context, target);
                break;
            case "deletecollection" when definition.Verbs.Contains("deletecollection"):
                await DeleteCollectionAsync(context, target);
                break;
            default:
                throw ApiErrors.MethodNotAllowed();
        }
    }

    /// <summary>The resource, namespace and (possibly empty) name a resource request is about.</summary>
    private sealed record Target(ResourceStrategy Strategy, string? Namespace, string Name)
    {
        public ResourceDefinition Definition => Strategy.Definition;

        public GroupResource Resource => Strategy.Resource;
    }
}
