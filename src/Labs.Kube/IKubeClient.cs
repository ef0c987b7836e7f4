using System.Text.Json.Nodes;

namespace Labs.Kube;

/// <summary>
/// A dynamic Kubernetes client: every object is JSON. Shaped like client-go's dynamic client so that the
/// official client could replace it locally. Errors from the server surface as <see cref="KubeApiException"/>.
/// </summary>
public interface IKubeClient
{
    /// <summary>Reads one object; <c>null</c> when the server answers 404 NotFound.</summary>
    Task<JsonObject?> GetAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default);

    /// <summary>Lists objects (a <c>...List</c> object with <c>items</c>); <paramref name="ns"/> null means all namespaces.</summary>
    Task<JsonObject> ListAsync(ResourceType type, string? ns, ListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Creates an object and returns it as the server stored it.</summary>
    Task<JsonObject> CreateAsync(ResourceType type, string? ns, JsonObject body, CancellationToken cancellationToken = default);

    /// <summary>Replaces an object (PUT) and returns it as the server stored it.</summary>
    Task<JsonObject> ReplaceAsync(ResourceType type, string? ns, string name, JsonObject body, CancellationToken cancellationToken = default);

    /// <summary>Patches an object and returns the result.</summary>
    Task<JsonObject> PatchAsync(ResourceType type, string? ns, string name, PatchType patchType, JsonNode patch, CancellationToken cancellationToken = default);

    /// <summary>Deletes an object (background propagation); returns <c>false</c> when it did not exist.</summary>
    Task<bool> DeleteAsync(ResourceType type, string? ns, string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// POSTs to a subresource (e.g. <c>serviceaccounts/NAME/token</c>) and returns the response object.
    /// </summary>
    Task<JsonObject> CreateSubresourceAsync(ResourceType type, string? ns, string name, string subresource, JsonObject body, CancellationToken cancellationToken = default);

    /// <summary>Watches objects; the sequence ends when the server closes the watch or the token is cancelled.</summary>
    IAsyncEnumerable<WatchEvent> WatchAsync(ResourceType type, string? ns, WatchOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Starts a command in a pod's container over the WebSocket exec protocol (v5, falling back to v4).</summary>
    Task<IExecSession> ExecAsync(ExecRequest request, CancellationToken cancellationToken = default);
}
