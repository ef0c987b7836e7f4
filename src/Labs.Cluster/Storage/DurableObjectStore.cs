using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Labs.Cluster.Storage;

/// <summary>
/// The embedded cluster's store on disk: an <see cref="InMemoryObjectStore"/> (reads, lists and watches are answered
/// from memory) whose every write is in a SQLite file before it is acknowledged, seen by a reader or published to a
/// watch. Concurrent writes share one transaction and one fsync (group commit). A <c>kill -9</c> at any moment loses no
/// acknowledged write; the next open has every object, the same resourceVersions (new ones keep counting up), and the
/// recent changes, so that watches resume where they were within <see cref="InMemoryObjectStore.HistoryWindow"/>.
/// </summary>
public sealed class DurableObjectStore : IObjectStore, IDisposable
{
    /// <summary>The store's file name in its directory (SQLite keeps <c>objects.db-wal</c> beside it).</summary>
    public const string FileName = "objects.db";

    private readonly InMemoryObjectStore _store;
    private readonly SqliteJournal _journal;
    private int _disposed;

    private DurableObjectStore(InMemoryObjectStore store, SqliteJournal journal)
    {
        _store = store;
        _journal = journal;
    }

    /// <summary>The SQLite file.</summary>
    public string Path => _journal.Path;

    /// <inheritdoc />
    public long CurrentResourceVersion => _store.CurrentResourceVersion;

    /// <summary>Opens the store file (creating it and its directory when missing) and loads everything it holds.</summary>
    /// <param name="path">The SQLite file, by convention <c>&lt;data&gt;/store/objects.db</c>.</param>
    /// <param name="historyLimit">Changes kept for replay (default <see cref="InMemoryObjectStore.DefaultHistoryLimit"/>).</param>
    /// <param name="timeProvider">Clock for creationTimestamp and the replay window; the system clock when null.</param>
    /// <param name="logger">Where a failure to write the file is reported (the store then refuses writes); none when null.</param>
    /// <exception cref="ClusterSetupException">
    /// The file is damaged or truncated, is not a Labs store, was written by a newer Labs, is in use by another process
    /// or cannot be written. The message names the file, the problem and what to do.
    /// </exception>
    public static DurableObjectStore Open(string path, int historyLimit = InMemoryObjectStore.DefaultHistoryLimit,
        TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var (journal, snapshot) = SqliteJournal.Open(path);
        try
        {
            var store = new InMemoryObjectStore(journal, snapshot, historyLimit, timeProvider)
            {
                JournalFailed = e => logger?.LogError(e, "The cluster store {Path} cannot be written; writes are refused until the platform is restarted", journal.Path),
            };
            return new DurableObjectStore(store, journal);
        }
        catch
        {
            journal.Dispose();
            throw;
        }
    }

    /// <inheritdoc cref="InMemoryObjectStore.GenerationTracking" />
    public Func<GroupResource, bool>? GenerationTracking
    {
        get => _store.GenerationTracking;
        set => _store.GenerationTracking = value;
    }

    /// <inheritdoc />
    public JsonObject? Get(GroupResource resource, string? ns, string name) => _store.Get(resource, ns, name);

    /// <inheritdoc />
    public StoreList List(GroupResource resource, string? ns) => _store.List(resource, ns);

    /// <inheritdoc />
    public JsonObject Create(GroupResource resource, string? ns, JsonObject obj) => _store.Create(resource, ns, obj);

    /// <inheritdoc />
    public JsonObject Update(GroupResource resource, string? ns, JsonObject obj) => _store.Update(resource, ns, obj);

    /// <inheritdoc />
    public JsonObject UpdateStatus(GroupResource resource, string? ns, JsonObject obj) => _store.UpdateStatus(resource, ns, obj);

    /// <inheritdoc />
    public JsonObject? Delete(GroupResource resource, string? ns, string name) => _store.Delete(resource, ns, name);

    /// <inheritdoc />
    public IDisposable Subscribe(long fromResourceVersion, Action<StoreEvent> handler) => _store.Subscribe(fromResourceVersion, handler);

    /// <summary>Waits for the writes in flight to be durable, then closes the file; later writes fail with 500 InternalError.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _store.StopCommitting();
        _journal.Dispose();
    }
}
