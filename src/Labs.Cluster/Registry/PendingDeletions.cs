using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;
using Microsoft.Extensions.Logging;

namespace Labs.Cluster.Registry;

/// <summary>
/// Finishes the deletions that had to wait, as kube-controller-manager's namespace controller and garbage collector do:
/// a Terminating namespace goes once its last object is gone, and an owner deleted in the foreground loses its
/// <c>foregroundDeletion</c> finalizer (and goes) once its last dependent is. It reacts to deletions in the store; the
/// store's subscribers may not write, so the work runs on a loop of its own.
/// </summary>
internal sealed class PendingDeletions : IAsyncDisposable
{
    private static readonly GroupResource Namespaces = new(string.Empty, "namespaces");

    private readonly RegistryStore _store;
    private readonly StoreFollower<JsonObject> _follower;

    private PendingDeletions(RegistryStore store, ILogger logger)
    {
        _store = store;
        _follower = new StoreFollower<JsonObject>(store, change => change.Type == "DELETED" ? [change.Object] : [], FollowUp, logger,
            "finishing deletions");
    }

    /// <summary>Starts following <paramref name="store"/>, first finishing what an earlier run left waiting.</summary>
    public static PendingDeletions Start(RegistryStore store, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(logger);
        foreach (var ns in store.List(Namespaces, null).Items.Where(n => (string?)n["status"]?["phase"] == "Terminating"))
        {
            store.FinishNamespace(ns.MetaString("name"));
        }

        return new PendingDeletions(store, logger);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _follower.DisposeAsync();

    private void FollowUp(JsonObject deleted)
    {
        var ns = deleted.MetaString("namespace");
        if (ns.Length == 0)
        {
            return;
        }

        foreach (var owner in (deleted["metadata"]?["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var strategy = _store.Registry.FindByKind((string?)owner["apiVersion"] ?? string.Empty, (string?)owner["kind"] ?? string.Empty);
            var name = (string?)owner["name"] ?? string.Empty;
            if (strategy is null || _store.Get(strategy.Resource, ns, name) is not { } found || found.MetaString("uid") != (string?)owner["uid"])
            {
                continue;
            }

            if (RegistryStore.IsBeingDeleted(found) && RegistryStore.Finalizers(found).Contains(RegistryStore.ForegroundFinalizer)
                && !_store.HasDependents(ns, found.MetaString("uid")))
            {
                _store.RemoveFinalizer(strategy.Resource, ns, name, RegistryStore.ForegroundFinalizer);
            }
        }

        _store.FinishNamespace(ns);
    }
}
