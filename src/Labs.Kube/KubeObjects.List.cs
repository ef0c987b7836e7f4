using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;

namespace Labs.Kube;

public sealed partial class KubeObjects
{
    /// <summary>
    /// Lists the objects of a kind in <paramref name="ns"/> (every namespace for cluster-scoped kinds) that match the
    /// selectors, with the list's resourceVersion (to watch from).
    /// </summary>
    /// <exception cref="UnknownKindException">The cluster does not serve the kind.</exception>
    /// <exception cref="HttpOperationException">The server refused the list (e.g. a field selector it does not support).</exception>
    public async Task<(IReadOnlyList<JsonObject> Items, string? ResourceVersion)> ListAsync(
        string apiVersion, string kind, string ns, string? labelSelector = null, string? fieldSelector = null, CancellationToken cancellationToken = default)
    {
        var resource = await Kinds.ResolveAsync(apiVersion, kind, cancellationToken);
        var list = resource.Namespaced
            ? await _kube.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(
                resource.Group, resource.Version, ns, resource.Plural, fieldSelector: fieldSelector, labelSelector: labelSelector, cancellationToken: cancellationToken)
            : await _kube.CustomObjects.ListClusterCustomObjectAsync<JsonObject>(
                resource.Group, resource.Version, resource.Plural, fieldSelector: fieldSelector, labelSelector: labelSelector, cancellationToken: cancellationToken);
        var items = (list?["items"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        return (items, list?["metadata"]?["resourceVersion"]?.GetValue<string>());
    }

    /// <summary>
    /// Watches the objects of a kind that match the selectors from <paramref name="resourceVersion"/>, yielding each
    /// change until the server ends the watch or the token is cancelled. A 410 Gone (too old a resourceVersion) ends
    /// the stream quietly: the caller reads afresh.
    /// </summary>
    /// <exception cref="UnknownKindException">The cluster does not serve the kind.</exception>
    /// <exception cref="HttpOperationException">The server refused the watch.</exception>
    public async IAsyncEnumerable<(WatchEventType Type, JsonObject Object)> WatchAsync(
        string apiVersion, string kind, string ns, string? labelSelector, string? fieldSelector, string? resourceVersion,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var resource = await Kinds.ResolveAsync(apiVersion, kind, cancellationToken);
        Exception? error = null;
        var events = (resource.Namespaced
            ? _kube.CustomObjects.WatchListNamespacedCustomObjectAsync(
                resource.Group, resource.Version, ns, resource.Plural, allowWatchBookmarks: false, fieldSelector: fieldSelector, labelSelector: labelSelector,
                resourceVersion: resourceVersion, onError: e => error ??= e, cancellationToken: cancellationToken)
            : _kube.CustomObjects.WatchListClusterCustomObjectAsync(
                resource.Group, resource.Version, resource.Plural, allowWatchBookmarks: false, fieldSelector: fieldSelector, labelSelector: labelSelector,
                resourceVersion: resourceVersion, onError: e => error ??= e, cancellationToken: cancellationToken)).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await events.MoveNextAsync())
                    {
                        break;
                    }
                }
                catch (HttpRequestException e) when (e.InnerException is EndOfStreamException)
                {
                    // A watch the server ends before its first event surfaces this way; it is an ordinary end.
                    break;
                }

                var (type, body) = events.Current;
                if (AsObject(body) is { } changed)
                {
                    yield return (type, changed);
                }
            }
        }
        finally
        {
            await events.DisposeAsync();
        }

        if (error is not null && error.Code() != (int)HttpStatusCode.Gone)
        {
            throw error;
        }
    }

    private static JsonObject? AsObject(object? body) => body switch
    {
        JsonObject obj => obj,
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Object } element => JsonObject.Create(element),
        null => null,
        _ => System.Text.Json.JsonSerializer.SerializeToNode(body) as JsonObject,
    };
}
