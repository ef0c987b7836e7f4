using System.Text.Json.Nodes;

namespace Labs.Cluster.Storage;

/// <summary>
/// How writes become durable (group commit). A writer stages its change under the lock: it gets its resourceVersion
/// and later writers see it (for conflicts, names, namespaces), but readers, subscribers and the writer's caller do
/// not, until the committer thread has appended it, together with every change staged meanwhile, to the journal in
/// one transaction and one fsync. Only then is the change applied to what readers see and published, in
/// resourceVersion order, and its writer returns. Without a journal a staged change is applied at once.
/// </summary>
public sealed partial class InMemoryObjectStore
{
    private readonly IStoreJournal? _journal;

    // Writes staged but not yet durable, by type and key: what later writers must see. A null object is a delete.
    private readonly Dictionary<(GroupResource Resource, string Key), (JsonObject? Object, long ResourceVersion, CommitBatch Batch)> _staged = [];
    private readonly object _commitSignal = new(); // Monitor.Wait needs an object, not a Lock
    private CommitBatch _open = new();
    private long _stagedVersion;
    private string? _unwritable;
    private Thread? _committer;
    private bool _hasWork;
    private bool _stopping;

    /// <summary>Called once, on the committer thread, when the journal fails; the store refuses writes from then on.</summary>
    internal Action<Exception>? JournalFailed { get; init; }

    /// <summary>How many objects have a write staged that is not durable yet (its writer is waiting).</summary>
    internal int PendingWriteCount
    {
        get
        {
            lock (_lock)
            {
                return _staged.Count;
            }
        }
    }

    /// <summary>Makes every write staged so far durable, then stops the committer; later writes fail. Idempotent.</summary>
    internal void StopCommitting()
    {
        lock (_lock)
        {
            _unwritable ??= "the store is closed";
        }

        lock (_commitSignal)
        {
            _stopping = true;
            Monitor.PulseAll(_commitSignal);
        }

        _committer?.Join();
    }

    private void Restore(StoreSnapshot snapshot)
    {
        foreach (var (resource, key, obj) in snapshot.Objects)
        {
            Table(resource)[key] = obj;
        }

        _resourceVersion = snapshot.ResourceVersion;
        _stagedVersion = snapshot.ResourceVersion;
        _oldestReplayable = snapshot.History.Count > 0 ? snapshot.History[0].Change.ResourceVersion - 1 : snapshot.ResourceVersion;
        foreach (var change in snapshot.History)
        {
            _history.Enqueue(change);
        }

        TrimHistory(_time.GetUtcNow());
        if (_journal is not null)
        {
            _committer = new Thread(CommitLoop) { IsBackground = true, Name = "labs-store-commit" };
            _committer.Start();
        }
    }

    /// <summary>The object as the next write must see it: staged if a write to it is not durable yet, else as readers see it.</summary>
    private JsonObject? Latest(GroupResource resource, string key) =>
        _staged.TryGetValue((resource, key), out var staged) ? staged.Object
        : _objects.TryGetValue(resource, out var table) && table.TryGetValue(key, out var found) ? found : null;

    /// <summary>The batch that will make the latest write to an object durable, or null when it is already.</summary>
    private CommitBatch? PendingBatch(GroupResource resource, string key) =>
        _staged.TryGetValue((resource, key), out var staged) ? staged.Batch : null;

    private void ThrowIfUnwritable()
    {
        if (_unwritable is { } reason)
        {
            throw StoreErrors.Unwritable(reason);
        }
    }

    /// <summary>Stages a change (under the lock); returns the batch to wait for, or null when it is applied already (no journal).</summary>
    private CommitBatch? Stage(string type, GroupResource resource, string? ns, string name, JsonObject obj, long rv)
    {
        var change = new StoreEvent(type, resource, obj, rv);
        var at = _time.GetUtcNow();
        if (_journal is null)
        {
            Apply(new JournalEntry(change, ns ?? string.Empty, name, [], at));
            return null;
        }

        var batch = _open;
        batch.Entries.Add(new JournalEntry(change, ns ?? string.Empty, name, StoredJson.Serialize(obj), at));
        _staged[(resource, Key(ns, name))] = (type == "DELETED" ? null : obj, rv, batch);
        if (batch.Entries.Count == 1)
        {
            lock (_commitSignal)
            {
                _hasWork = true;
                Monitor.Pulse(_commitSignal);
            }
        }

        return batch;
    }

    private static void AwaitDurable(CommitBatch? batch) => batch?.Wait();

    /// <summary>Makes a durable change visible (under the lock): to readers, to the history and to subscribers.</summary>
    private void Apply(JournalEntry entry)
    {
        var change = entry.Change;
        var key = Key(entry.Namespace, entry.Name);
        if (change.Type == "DELETED")
        {
            Table(change.Resource).Remove(key);
        }
        else
        {
            Table(change.Resource)[key] = change.Object;
        }

        if (_staged.TryGetValue((change.Resource, key), out var staged) && staged.ResourceVersion == change.ResourceVersion)
        {
            _staged.Remove((change.Resource, key));
        }

        _resourceVersion = change.ResourceVersion;
        Publish(change, entry.At);
    }

    private void CommitLoop()
    {
        while (true)
        {
            lock (_commitSignal)
            {
                while (!_hasWork && !_stopping)
                {
                    Monitor.Wait(_commitSignal);
                }

                _hasWork = false;
            }

            CommitBatch batch;
            long forgetThrough;
            lock (_lock)
            {
                batch = _open;
                if (batch.Entries.Count == 0)
                {
                    if (Volatile.Read(ref _stopping))
                    {
                        return;
                    }

                    continue;
                }

                _open = new CommitBatch();
                forgetThrough = _oldestReplayable;
            }

            List<JournalEntry> durable;
            try
            {
                _journal!.Append(batch.Entries, forgetThrough);
                durable = batch.Entries.ConvertAll(Compact);
            }
#pragma warning disable CA1031 // Whatever the journal throws, its writers must hear of it and the store must stop writing.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Fail(batch, e);
                return;
            }

            lock (_lock)
            {
                foreach (var entry in durable)
                {
                    Apply(entry);
                }
            }

            batch.Complete();
        }
    }

    /// <summary>
    /// The change with its object read back from the JSON just written, off the lock: an object over its parsed text
    /// takes a fraction of the memory of the tree a writer built, and is what a restart would load anyway.
    /// </summary>
    private static JournalEntry Compact(JournalEntry entry) =>
        entry with { Change = entry.Change with { Object = JsonObject.Create(StoredJson.Parse(entry.Json))! } };

    /// <summary>
    /// Nothing staged is durable now, and what the journal holds is uncertain (a failed fsync may or may not have
    /// reached the disk): every staged write fails and no write is accepted until the store is opened again.
    /// </summary>
    private void Fail(CommitBatch batch, Exception e)
    {
        CommitBatch later;
        var reason = $"{e.Message}; writes are refused until the platform is restarted";
        lock (_lock)
        {
            _unwritable = reason;
            _staged.Clear();
            _stagedVersion = _resourceVersion;
            later = _open;
            _open = new CommitBatch();
        }

        batch.Fail(reason);
        later.Fail(reason);
        JournalFailed?.Invoke(e);
    }
}
