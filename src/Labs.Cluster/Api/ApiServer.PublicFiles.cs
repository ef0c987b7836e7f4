using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Api;

internal sealed partial class ApiServer
{
    private static readonly string[] ApiPaths = ["/api/", "/apis/", "/openapi/", "/version/", "/healthz/", "/livez/", "/readyz/"];

    private readonly ConcurrentDictionary<string, PublicFiles> _publicFiles = new(StringComparer.Ordinal);

    /// <summary>
    /// Serves <paramref name="files"/> to anyone (GET and HEAD, no credentials) under <paramref name="prefix"/>, a path
    /// such as <c>/charts/</c> that no Kubernetes API uses. Serving a prefix again replaces its files.
    /// </summary>
    public void ServePublicFiles(string prefix, PublicFiles files)
    {
        if (!prefix.StartsWith('/') || !prefix.EndsWith('/') || prefix.Length < 3
            || ApiPaths.Any(api => prefix.StartsWith(api, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"'{prefix}' cannot hold public files: it must be '/NAME/' outside the Kubernetes API's paths", nameof(prefix));
        }

        _publicFiles[prefix] = files;
    }

    /// <summary>Answers a request for a public file; false when its path is under no public prefix.</summary>
    private async Task<bool> TryServePublicFileAsync(HttpContext context, string path)
    {
        foreach (var (prefix, files) in _publicFiles)
        {
            if (!path.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                context.Response.Headers.Allow = "GET, HEAD";
                throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
            }

            if (!files(path[prefix.Length..], out var content, out var contentType))
            {
                throw new ApiException(404, "NotFound", "the server could not find the requested resource");
            }

            context.Response.ContentType = contentType;
            context.Response.ContentLength = content.Length;
            if (HttpMethods.IsGet(context.Request.Method))
            {
                await context.Response.Body.WriteAsync(content, context.RequestAborted);
            }

            return true;
        }

        return false;
    }
}
