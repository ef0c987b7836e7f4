using System.Text.Json.Nodes;
using Labs.Cluster.Api;

namespace Labs.Cluster.Storage;

/// <summary>
/// The embedded cluster's object store: the one place objects live, with Kubernetes metadata semantics
/// (uid, resourceVersion, creationTimestamp, generation, generateName). The REST layer, the authorizer and the
/// controllers all go through it. Every object handed in or out is a deep copy the caller owns.
/// Failures are <see cref="ApiException"/>s carrying the exact Kubernetes status (NotFound, AlreadyExists, Conflict...;
/// 500 InternalError when a durable store cannot write). A write returns once it is durable, and no reader or watch
/// sees it before.
/// </summary>
public interface IObjectStore
{
    /// <summary>Reads one object, or <c>null</c> when absent. <paramref name="ns"/> is null for cluster-scoped types.</summary>
    JsonObject? Get(GroupResource resource, string? ns, string name);

    /// <summary>Lists objects of a type, in one namespace or (ns null) all.</summary>
    StoreList List(GroupResource resource, string? ns);

    /// <summary>
    /// Stores a new object: fills resourceVersion, creationTimestamp, generation 1, a name from generateName, and a uid
    /// unless the object carries one (the registry chooses it before its strategies run, as kube-apiserver does).
    /// Throws AlreadyExists (409), or NotFound (404, <c>namespaces "x" not found</c>) when the namespace is missing.
    /// </summary>
    JsonObject Create(GroupResource resource, string? ns, JsonObject obj);

    /// <summary>
    /// Replaces a stored object. A non-empty <c>metadata.resourceVersion</c> must match (else 409 Conflict);
    /// uid and creationTimestamp are kept; generation increases when anything outside metadata and status changes.
    /// </summary>
    JsonObject Update(GroupResource resource, string? ns, JsonObject obj);

    /// <summary>
    /// Replaces only <c>status</c> of a stored object (the <c>/status</c> subresource): generation is unchanged.
    /// </summary>
    JsonObject UpdateStatus(GroupResource resource, string? ns, JsonObject obj);

    /// <summary>Removes an object and returns its last state, or <c>null</c> when it was absent.</summary>
    JsonObject? Delete(GroupResource resource, string? ns, string name);

    /// <summary>
    /// Deletes as a client's DELETE with <c>gracePeriodSeconds</c> does: a store that deletes pods gracefully marks
    /// them (deletionTimestamp) for that long, or removes them at once for 0 (the kubelet's final delete). A store
    /// without graceful deletion removes the object as <see cref="Delete(GroupResource, string?, string)"/> does.
    /// </summary>
    JsonObject? Delete(GroupResource resource, string? ns, string name, long? gracePeriodSeconds) => Delete(resource, ns, name);

    /// <summary>
    /// Subscribes to every change after <paramref name="fromResourceVersion"/> (0: from now on), for all types.
    /// The handler runs synchronously once a change is durable and before its writer returns, in resourceVersion order,
    /// on the writer's thread or the store's commit thread: keep it short (enqueue into a channel) and never write to
    /// the store from it. Throws Expired (410) when that version is too old to replay. Dispose to unsubscribe.
    /// </summary>
    IDisposable Subscribe(long fromResourceVersion, Action<StoreEvent> handler);

    /// <summary>The store's current resourceVersion.</summary>
    long CurrentResourceVersion { get; }
}
