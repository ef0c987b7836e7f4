using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Labs.Kube;

/// <summary>
/// The platform's Kubernetes client: JSON objects over the API server's REST API, watches and exec, with the
/// TLS and credentials of a <see cref="KubeConnection"/>. Thread-safe; create one per connection and share it.
/// </summary>
public sealed partial class KubeClient : IKubeClient, IDisposable
{
    /// <summary>The field manager recorded on writes unless another is set.</summary>
    public const string DefaultFieldManager = "labs";

    private static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpMessageHandler _handler;
    private readonly HttpClient _http;

    /// <summary>Creates a client for <paramref name="connection"/>.</summary>
    /// <param name="connection">Where the API server is and how to authenticate.</param>
    /// <param name="handler">
    /// Replaces the TLS-configured <see cref="SocketsHttpHandler"/> (tests); the client disposes it. TLS settings of
    /// <paramref name="connection"/> are then up to the handler.
    /// </param>
    /// <param name="requestTimeout">Limit for each non-watch request; default 30 seconds.</param>
    public KubeClient(KubeConnection connection, HttpMessageHandler? handler = null, TimeSpan? requestTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
        RequestTimeout = requestTimeout ?? DefaultRequestTimeout;
        if (RequestTimeout <= TimeSpan.Zero && RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(requestTimeout), requestTimeout, "The request timeout must be positive or infinite.");
        }

        _handler = handler ?? KubeTls.CreateHandler(connection);
        // Timeouts are applied per call so that watches and exec can stay open.
        _http = new HttpClient(_handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The connection this client uses.</summary>
    public KubeConnection Connection { get; }

    /// <summary>Limit for each non-watch request.</summary>
    public TimeSpan RequestTimeout { get; }

    /// <summary>The <c>fieldManager</c> sent on create, replace and patch. Default <see cref="DefaultFieldManager"/>.</summary>
    public string FieldManager { get; init; } = DefaultFieldManager;

    /// <inheritdoc />
    public async Task<JsonObject?> GetAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var uri = Url(type, ns, name);
        return await SendAsync(HttpMethod.Get, uri, null, allowNotFound: true, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<JsonObject> ListAsync(ResourceType type, string? ns, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var uri = Url(type, ns, null, null, [new("labelSelector", options?.LabelSelector), new("fieldSelector", options?.FieldSelector)]);
        return (await SendAsync(HttpMethod.Get, uri, null, allowNotFound: false, cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<JsonObject> CreateAsync(ResourceType type, string? ns, JsonObject body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(type);
        ns ??= body["metadata"]?["namespace"] is JsonValue value && value.TryGetValue<string>(out var fromBody) ? fromBody : null;
        if (type.Namespaced && string.IsNullOrEmpty(ns))
        {
            throw new ArgumentException($"Creating a {type.Kind} needs a namespace: pass one or set metadata.namespace.", nameof(ns));
        }

        var uri = Url(type, ns, null, null, [new("fieldManager", FieldManager)]);
        return (await SendAsync(HttpMethod.Post, uri, JsonContent(body, "application/json"), allowNotFound: false, cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<JsonObject> ReplaceAsync(ResourceType type, string? ns, string name, JsonObject body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(body);
        var uri = Url(type, ns, name, null, [new("fieldManager", FieldManager)]);
        return (await SendAsync(HttpMethod.Put, uri, JsonContent(body, "application/json"), allowNotFound: false, cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<JsonObject> PatchAsync(ResourceType type, string? ns, string name, PatchType patchType, JsonNode patch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(patch);
        var uri = Url(type, ns, name, null, [new("fieldManager", FieldManager)]);
        return (await SendAsync(HttpMethod.Patch, uri, JsonContent(patch, PatchContentType(patchType)), allowNotFound: false, cancellationToken))!;
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var options = new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "v1", ["propagationPolicy"] = "Background" };
        var result = await SendAsync(HttpMethod.Delete, Url(type, ns, name), JsonContent(options, "application/json"), allowNotFound: true, cancellationToken);
        return result is not null;
    }

    /// <inheritdoc />
    public async Task<JsonObject> CreateSubresourceAsync(ResourceType type, string? ns, string name, string subresource, JsonObject body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrEmpty(subresource);
        ArgumentNullException.ThrowIfNull(body);
        var uri = Url(type, ns, name, subresource);
        return (await SendAsync(HttpMethod.Post, uri, JsonContent(body, "application/json"), allowNotFound: false, cancellationToken))!;
    }

    /// <summary>Releases the HTTP connections.</summary>
    public void Dispose()
    {
        _http.Dispose();
        _handler.Dispose();
    }

    /// <summary>The content type the API server expects for <paramref name="patchType"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unknown patch type.</exception>
    public static string PatchContentType(PatchType patchType) => patchType switch
    {
        PatchType.Merge => "application/merge-patch+json",
        PatchType.Json => "application/json-patch+json",
        PatchType.StrategicMerge => "application/strategic-merge-patch+json",
        _ => throw new ArgumentOutOfRangeException(nameof(patchType), patchType, "Unknown patch type."),
    };

    internal Uri Url(ResourceType type, string? ns, string? name, string? subresource = null, IEnumerable<KeyValuePair<string, string?>>? query = null) =>
        KubeUrls.Build(Connection.Server, KubeUrls.Path(type, ns, name, subresource), query);

    private static StringContent JsonContent(JsonNode body, string contentType)
    {
        var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }
}
