using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Api;

/// <summary>Writing JSON answers and <c>v1.Status</c> errors.</summary>
internal sealed partial class ApiServer
{
    /// <summary>The <c>v1.Status</c> body for a failure.</summary>
    public static JsonObject StatusOf(ApiException e) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = e.Message,
        ["reason"] = e.Reason,
        ["details"] = e.Details?.DeepClone(),
        ["code"] = e.Code,
    };

    internal static async Task WriteStatusAsync(HttpContext context, ApiException e)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        var status = StatusOf(e);
        if (e.Details is null)
        {
            status.Remove("details");
        }

        await WriteJsonAsync(context, e.Code, status);
    }

    private static async Task WriteJsonAsync(HttpContext context, int statusCode, JsonNode body)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
