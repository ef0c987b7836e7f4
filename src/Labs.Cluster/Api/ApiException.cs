using System.Text.Json.Nodes;

namespace Labs.Cluster.Api;

/// <summary>
/// A failure that the API answers with a <c>v1.Status</c>: the HTTP code, the reason and the exact message a real
/// API server gives (kubectl prints them verbatim), and optional details.
/// </summary>
public sealed class ApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">HTTP status code.</param>
    /// <param name="reason">Status reason, e.g. <c>NotFound</c>.</param>
    /// <param name="message">Exact message, e.g. <c>deployments.apps "web" not found</c>.</param>
    /// <param name="details">Status <c>details</c> (name, group, kind, causes), or null.</param>
    public ApiException(int code, string reason, string message, JsonObject? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    /// <summary>HTTP status code.</summary>
    public int Code { get; }

    /// <summary>Status reason.</summary>
    public string Reason { get; }

    /// <summary>Status details, or null.</summary>
    public JsonObject? Details { get; }
}
