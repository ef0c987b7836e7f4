using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Schema;

/// <summary>Answering <c>/openapi/v3</c> requests.</summary>
public sealed partial class OpenApiDocuments
{
    /// <summary>
    /// Writes the root (empty <paramref name="path"/>) or a group-version document, or a 404 <c>v1.Status</c>.
    /// Matches the API server hook <c>ServeOpenApiAsync</c>.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="path">The path after <c>/openapi/v3/</c>, e.g. <c>apis/apps/v1</c>; empty for the root.</param>
    public async Task WriteAsync(HttpContext context, string path)
    {
        ArgumentNullException.ThrowIfNull(context);
        string normalized = Normalize(path ?? "");
        string? json = normalized.Length == 0 ? _rootJson : DocumentJson(normalized);
        context.Response.ContentType = "application/json";
        if (json is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            json = new JsonObject
            {
                ["kind"] = "Status",
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject(),
                ["status"] = "Failure",
                ["message"] = $"the server could not find the requested resource (openapi/v3/{normalized})",
                ["reason"] = "NotFound",
                ["details"] = new JsonObject(),
                ["code"] = 404,
            }.ToJsonString();
        }
        else
        {
            // A hashed URL names one immutable document; the root must always be re-read.
            bool hashed = normalized.Length > 0 && context.Request.Query["hash"] == Hash(normalized);
            context.Response.Headers.CacheControl = hashed ? "public, immutable" : "no-cache, private";
            context.Response.Headers.ETag = "\"" + (normalized.Length == 0 ? "root" : Hash(normalized)) + "\"";
        }

        await context.Response.WriteAsync(json, context.RequestAborted);
    }
}
