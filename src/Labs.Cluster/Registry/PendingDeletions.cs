using System.Threading.Channels;
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
    private readonly ILogger _logger;
    private readonly Channel<StoreEvent> _deleted = Channel.CreateUnbounded<StoreEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IDisposable _subscription;
    private readonly Task _loop;

    private PendingDeletions(RegistryStore store, ILogger logger)
    {
        _store = store;
        _logger = logger;
        _subscription = store.Subscribe(store.CurrentResourceVersion, change =>
        {
            if (change.Type == "DELETED")
            {
                _deleted.Writer.TryWrite(change);
            }
        });
        _loop = Task.Run(RunAsync);
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
    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        _deleted.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        await foreach (var change in _deleted.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                FollowUp(change.Object);
            }
#pragma warning disable CA1031 // One failed follow-up must not stop the others; the next deletion retries it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _logger.LogWarning(e, "Finishing deletions after {Kind} {Name} was deleted failed", (string?)change.Object["kind"], change.Object.MetaString("name"));
            }
        }
    }

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
