using System.Text.Json.Nodes;
using Labs.Cluster.Schema;
using Labs.Cluster.Storage;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Api;

/// <summary>
/// The places where other parts of the embedded cluster (access control, schema, workloads) plug into the API server.
/// Every hook is optional: without it the server still answers, with a plainer behaviour noted on each.
/// </summary>
internal sealed class ApiServerHooks
{
    /// <summary>
    /// Authenticates and authorizes a request before any handler runs; throws an <see cref="ApiException"/> (401/403) to refuse.
    /// Without it every request is allowed.
    /// </summary>
    public Func<HttpContext, ApiRequest, ValueTask>? AuthorizeAsync { get; init; }

    /// <summary>Decodes a <c>application/vnd.kubernetes.protobuf</c> body; without it such bodies answer 415.</summary>
    public Func<byte[], JsonObject>? DecodeProtobuf { get; init; }

    /// <summary>The paths (e.g. <c>spec.bogus</c>) of fields an object's schema does not know; without it nothing is unknown.</summary>
    public Func<JsonObject, IReadOnlyList<string>>? FindUnknownFields { get; init; }

    /// <summary>Removes the fields an object's schema does not know and returns their paths; without it nothing is removed.</summary>
    public Func<JsonObject, IReadOnlyList<string>>? RemoveUnknownFields { get; init; }

    /// <summary>Values the schema's Go types could not hold (wrong JSON type, out of range, unparsable text); without it none.</summary>
    public Func<JsonObject, IReadOnlyList<FieldTypeMismatch>>? FindTypeMismatches { get; init; }

    /// <summary>
    /// Checks a create or update of the main resource against the requesting user before it is stored (or dry-run):
    /// RBAC's escalation prevention. Throws an <see cref="ApiException"/> (403) to refuse. Without it nothing is checked.
    /// </summary>
    public Action<HttpContext, GroupResource, string?, JsonObject>? CheckWriter { get; init; }

    /// <summary>The user a request acts as (after authentication and impersonation), for what kinds record of their requester.</summary>
    public Func<HttpContext, Access.UserInfo?>? Requester { get; init; }

    /// <summary>Answers <c>/openapi/v3</c> and below (the path after <c>/openapi/v3</c>, possibly empty); without it 404.</summary>
    public Func<HttpContext, string, Task>? ServeOpenApiAsync { get; init; }

    /// <summary>Handles <c>GET .../pods/NAME/exec</c> for an existing pod; without it 405.</summary>
    public Func<HttpContext, JsonObject, CancellationToken, Task>? ExecAsync { get; init; }

    /// <summary>Handles <c>GET</c> or <c>POST .../pods/NAME/portforward</c> for an existing pod; without it 405.</summary>
    public Func<HttpContext, JsonObject, CancellationToken, Task>? PortForwardAsync { get; init; }

    /// <summary>Handles <c>GET .../pods/NAME/attach</c> for an existing pod; without it 405.</summary>
    public Func<HttpContext, JsonObject, CancellationToken, Task>? AttachAsync { get; init; }

    /// <summary>
    /// Carries a proxied request (<c>pods/NAME:PORT/proxy/PATH</c>, or a service's, resolved to one of its pods) to a
    /// port of a pod, with the path to ask there; without it nothing listens (503, connection refused).
    /// </summary>
    public Func<HttpContext, JsonObject, int, string, CancellationToken, Task>? PodProxyAsync { get; init; }

    /// <summary>Handles <c>GET .../pods/NAME/log</c> for an existing pod; without it an empty log.</summary>
    public Func<HttpContext, JsonObject, CancellationToken, Task>? LogAsync { get; init; }

    /// <summary>Handles <c>POST .../serviceaccounts/NAME/token</c> for an existing ServiceAccount; without it 405.</summary>
    public Func<HttpContext, JsonObject, CancellationToken, Task>? TokenAsync { get; init; }

    /// <summary>Extra non-resource routes (e.g. access reviews): return true when the request was answered.</summary>
    public Func<HttpContext, ApiRequest, Task<bool>>? ExtraRoutesAsync { get; init; }
}
