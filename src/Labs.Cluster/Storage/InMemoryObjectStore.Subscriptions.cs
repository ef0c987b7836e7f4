using System.Text.Json.Nodes;
using Labs.Cluster.Api;

namespace Labs.Cluster.Storage;

/// <summary>Change history and subscriptions (the basis of watch).</summary>
public sealed partial class InMemoryObjectStore
{
    /// <inheritdoc />
    public IDisposable Subscribe(long fromResourceVersion, Action<StoreEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_lock)
        {
            if (fromResourceVersion > 0 && fromResourceVersion < _oldestReplayable)
            {
                throw ApiErrors.Expired(fromResourceVersion, _oldestReplayable);
            }

            if (fromResourceVersion > 0)
            {
                foreach (var (change, _) in _history)
                {
                    if (change.ResourceVersion > fromResourceVersion)
                    {
                        handler(change with { Object = change.Object.DeepClone().AsObject() });
                    }
                }
            }

            var subscription = new Subscription(this, handler);
            _subscriptions.Add(subscription);
            return subscription;
        }
    }

    // Called under the lock, so subscribers see changes in resourceVersion order. The history shares the stored
    // object (stored objects are replaced, never changed in place); every subscriber gets a copy of its own.
    private void Publish(StoreEvent change, DateTimeOffset at)
    {
        _history.Enqueue((change, at));
        TrimHistory(_time.GetUtcNow());

        foreach (var subscription in _subscriptions.ToArray())
        {
            try
            {
                subscription.Handler(change with { Object = change.Object.DeepClone().AsObject() });
            }
#pragma warning disable CA1031 // One faulty subscriber must not fail the write or starve the others.
            catch (Exception)
#pragma warning restore CA1031
            {
                _subscriptions.Remove(subscription);
            }
        }
    }

    private void TrimHistory(DateTimeOffset now)
    {
        while (_history.Count > _historyLimit || (_history.Count > 1 && now - _history.Peek().At > HistoryWindow))
        {
            _oldestReplayable = _history.Dequeue().Change.ResourceVersion;
        }
    }

    private void Unsubscribe(Subscription subscription)
    {
        lock (_lock)
        {
            _subscriptions.Remove(subscription);
        }
    }

    private sealed class Subscription(InMemoryObjectStore store, Action<StoreEvent> handler) : IDisposable
    {
        public Action<StoreEvent> Handler { get; } = handler;

        public void Dispose() => store.Unsubscribe(this);
    }
}
