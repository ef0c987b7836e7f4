using System.Text.Json;
using System.Text.Json.Nodes;
using Labs.Cluster.Registry;
using Labs.Cluster.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Labs.Cluster.Api;

/// <summary>
/// The Kubernetes-compatible REST layer over the registry: routing, discovery, one generic handler per verb, patch,
/// watch, tables, and <c>v1.Status</c> errors. What differs between kinds is read from their <see cref="ResourceStrategy"/>;
/// every write goes through the <see cref="RegistryStore"/>, as controllers' writes do. One instance serves every
/// request of an embedded cluster.
/// </summary>
internal sealed partial class ApiServer : IDisposable
{
    private const long MaxBodyBytes = 3 * 1024 * 1024;

    private readonly RegistryStore _store;
    private readonly ApiServerHooks _hooks;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly WatchEventCache _watchEvents = new();

    /// <summary>Serves <paramref name="store"/>; a store that is not a <see cref="RegistryStore"/> is wrapped in one.</summary>
    public ApiServer(IObjectStore store, ApiServerHooks hooks, ILogger logger, TimeProvider? time = null)
    {
        _store = store as RegistryStore ?? new RegistryStore(store, time: time);
        _hooks = hooks;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How often a watch with <c>allowWatchBookmarks=true</c> gets a BOOKMARK event.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Ends open watches and streams so that the host can shut down without waiting for them.</summary>
    public void Stop() => _stopping.Cancel();

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    /// <summary>Answers one HTTP request; never throws for bad input.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await DispatchAsync(context);
        }
        catch (ApiException e)
        {
            await WriteStatusAsync(context, e);
        }
        catch (JsonException e)
        {
            await WriteStatusAsync(context, ApiErrors.BadRequest($"json: {Schema.StrictJson.Describe(e)}"));
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own refusal of the request body (malformed chunking, its size limit): the client's fault.
            await WriteStatusAsync(context, e.StatusCode == 413 ? TooLarge() : ApiErrors.BadRequest(e.Message));
        }
        catch (InvalidOperationException e) when (e.Message.Contains("cannot be converted", StringComparison.Ordinal)
            || e.Message.Contains("The node must be of type", StringComparison.Ordinal))
        {
            // A JSON value of the wrong type somewhere the schema check did not reach: the client's input, not a server fault.
            await WriteStatusAsync(context, ApiErrors.BadRequest($"json: a field has the wrong type: {e.Message}"));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (e.g. a watch ended by kubectl); nothing to answer.
        }
#pragma warning disable CA1031 // The last line of defence: any bug answers a Status 500, never a dropped connection.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.LogError(e, "Unhandled error serving {Method} {Path}", context.Request.Method, context.Request.Path);
            await WriteStatusAsync(context, new ApiException(500, "InternalError", $"Internal error occurred: {e.Message}"));
        }
    }

    private async Task DispatchAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path is "/healthz" or "/livez" or "/readyz" || path.StartsWith("/healthz/", StringComparison.Ordinal)
            || path.StartsWith("/livez/", StringComparison.Ordinal) || path.StartsWith("/readyz/", StringComparison.Ordinal))
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("ok", context.RequestAborted);
            return;
        }

        if (await TryServePublicFileAsync(context, path))
        {
            return;
        }

        var request = ParseRequest(context.Request.Method, path, context.Request.Query);
        if (_hooks.AuthorizeAsync is { } authorize)
        {
            await authorize(context, request);
        }

        if (_hooks.ExtraRoutesAsync is { } extra && await extra(context, request))
        {
            return;
        }

        if (!request.IsResourceRequest)
        {
            await ServeNonResourceAsync(context, request);
            return;
        }

        await ServeResourceAsync(context, request);
    }

    private async Task ServeNonResourceAsync(HttpContext context, ApiRequest request)
    {
        var path = request.Path.TrimEnd('/');
        if (path == "/version")
        {
            await WriteJsonAsync(context, 200, VersionInfo());
            return;
        }

        if (path == "/openapi/v3" || path.StartsWith("/openapi/v3/", StringComparison.Ordinal))
        {
            if (_hooks.ServeOpenApiAsync is { } openApi)
            {
                await openApi(context, path.Length > "/openapi/v3".Length ? path["/openapi/v3/".Length..] : string.Empty);
                return;
            }

            throw new ApiException(404, "NotFound", "the server could not find the requested resource");
        }

        if (path is "/api" or "/apis" && WantsAggregated(context))
        {
            await WriteAggregatedDiscoveryAsync(context, legacy: path == "/api");
            return;
        }

        if (TryDiscovery(context, path) is { } document)
        {
            await WriteJsonAsync(context, 200, document);
            return;
        }

        throw new ApiException(404, "NotFound", "the server could not find the requested resource");
    }

    private static JsonObject VersionInfo() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.4",
        ["gitCommit"] = "59526cd4867447956156ae3a602fcbac10a2c335",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-04-22T16:02:27Z",
        ["goVersion"] = "go1.23.6",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };
}
