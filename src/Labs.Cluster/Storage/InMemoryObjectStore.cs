using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;

namespace Labs.Cluster.Storage;

/// <summary>
/// The embedded cluster's <see cref="IObjectStore"/>: everything in memory behind one lock, one global resourceVersion
/// counter (as etcd's revision), and a bounded history of changes so watches can resume from a recent resourceVersion.
/// Made with a journal (<see cref="DurableObjectStore"/>), every write is durable before anyone sees it: readers,
/// subscribers and the writer itself (see InMemoryObjectStore.Commit.cs).
/// </summary>
public sealed partial class InMemoryObjectStore : IObjectStore
{
    /// <summary>How many changes are kept for <see cref="Subscribe"/> replay by default.</summary>
    public const int DefaultHistoryLimit = 10_000;

    /// <summary>
    /// How long a change stays replayable: like kube-apiserver's watch cache, history is kept for a while rather than
    /// for ever, so the memory of objects long deleted (ended sessions) is given back. Watches resuming from older
    /// resourceVersions get 410 Expired and relist, as they must on a real cluster.
    /// </summary>
    public static readonly TimeSpan HistoryWindow = TimeSpan.FromMinutes(5);

    private static readonly GroupResource Namespaces = new(string.Empty, "namespaces");

    private readonly Lock _lock = new();
    private readonly Dictionary<GroupResource, SortedDictionary<string, JsonObject>> _objects = [];
    private readonly Queue<(StoreEvent Change, DateTimeOffset At)> _history = new();
    private readonly List<Subscription> _subscriptions = [];
    private readonly int _historyLimit;
    private readonly TimeProvider _time;
    private long _resourceVersion;
    private long _oldestReplayable;

    /// <summary>
    /// Which resources keep <c>metadata.generation</c> (1 on create, one more for every change beyond metadata and
    /// status); on a real API server only the strategies of some kinds set it (workloads, not ConfigMaps or Services).
    /// Every resource when null.
    /// </summary>
    public Func<GroupResource, bool>? GenerationTracking { get; set; }

    private bool TracksGeneration(GroupResource resource) => GenerationTracking?.Invoke(resource) ?? true;

    /// <summary>Creates an empty store that lives in memory only.</summary>
    /// <param name="historyLimit">Changes kept for replay (default <see cref="DefaultHistoryLimit"/>); older resourceVersions answer 410 Expired.</param>
    /// <param name="timeProvider">Clock for creationTimestamp; the system clock when null.</param>
    public InMemoryObjectStore(int historyLimit = DefaultHistoryLimit, TimeProvider? timeProvider = null)
        : this(null, StoreSnapshot.Empty, historyLimit, timeProvider)
    {
    }

    /// <summary>Creates a store holding <paramref name="snapshot"/> whose writes are made durable in <paramref name="journal"/> (none: memory only).</summary>
    internal InMemoryObjectStore(IStoreJournal? journal, StoreSnapshot snapshot, int historyLimit, TimeProvider? timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(historyLimit, 1);
        _historyLimit = historyLimit;
        _time = timeProvider ?? TimeProvider.System;
        _journal = journal;
        Restore(snapshot);
    }

    /// <inheritdoc />
    public long CurrentResourceVersion
    {
        get
        {
            lock (_lock)
            {
                return _resourceVersion;
            }
        }
    }

    /// <inheritdoc />
    public JsonObject? Get(GroupResource resource, string? ns, string name)
    {
        lock (_lock)
        {
            return TryGet(resource, ns, name) is { } found ? Clone(found) : null;
        }
    }

    /// <inheritdoc />
    public StoreList List(GroupResource resource, string? ns)
    {
        lock (_lock)
        {
            var items = new List<JsonObject>();
            if (_objects.TryGetValue(resource, out var table))
            {
                var prefix = ns is null ? null : ns + "\0";
                foreach (var (key, value) in table)
                {
                    if (prefix is null || key.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        items.Add(Clone(value));
                    }
                }
            }

            return new StoreList(items, _resourceVersion);
        }
    }

    /// <inheritdoc />
    public JsonObject Create(GroupResource resource, string? ns, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        StorableObject.Check(obj);
        var copy = Clone(obj);
        CommitBatch? batch;
        JsonObject? created;
        ApiException? refusal;
        lock (_lock)
        {
            ThrowIfUnwritable();
            created = StageCreate(resource, ns, copy, out batch, out refusal);
        }

        AwaitDurable(batch);
        return created ?? throw refusal!;
    }

    /// <summary>
    /// Names and stages a new object (under the lock); null with the refusal when one of its name exists, with the batch
    /// that will make that one durable.
    /// </summary>
    private JsonObject? StageCreate(GroupResource resource, string? ns, JsonObject copy, out CommitBatch? batch, out ApiException? refusal)
    {
        var metadata = Metadata(copy);
        refusal = null;
        var name = (string?)metadata["name"] ?? string.Empty;
        if (name.Length == 0)
        {
            var generateName = (string?)metadata["generateName"] ?? string.Empty;
            if (generateName.Length == 0)
            {
                throw ApiErrors.Invalid(KindOf(copy), resource.Group, string.Empty,
                    [("FieldValueRequired", "metadata.name", "name or generateName is required")]);
            }

            do
            {
                name = GeneratedNames.From(generateName);
            }
            while (Latest(resource, Key(ns, name)) is not null);
        }

        if (ns is not null)
        {
            var namespaceObject = Latest(Namespaces, Key(null, ns)) ?? throw ApiErrors.NotFound(Namespaces, ns);
            if ((string?)namespaceObject["status"]?["phase"] == "Terminating")
            {
                throw ApiErrors.NamespaceTerminating(resource, name, ns);
            }
        }

        if (Latest(resource, Key(ns, name)) is not null)
        {
            // As with a replace's refusal: once refused, a read shows the object that was there first.
            refusal = ApiErrors.AlreadyExists(resource, name);
            batch = PendingBatch(resource, Key(ns, name));
            return null;
        }

        metadata["name"] = name;
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }
        else
        {
            metadata.Remove("namespace");
        }

        // The registry chooses the uid before its strategies run (a Job's selector names it); others get one here.
        metadata["uid"] = metadata["uid"] is JsonValue uid && uid.TryGetValue<string>(out var given) && given.Length > 0
            ? given
            : Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (TracksGeneration(resource))
        {
            metadata["generation"] = 1;
        }
        else
        {
            metadata.Remove("generation");
        }

        metadata.Remove("deletionTimestamp");
        var rv = ++_stagedVersion;
        metadata["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
        batch = Stage("ADDED", resource, ns, name, copy, rv);
        return Clone(copy);
    }

    /// <inheritdoc />
    public JsonObject Update(GroupResource resource, string? ns, JsonObject obj) => Replace(resource, ns, obj, statusOnly: false);

    /// <inheritdoc />
    public JsonObject UpdateStatus(GroupResource resource, string? ns, JsonObject obj) => Replace(resource, ns, obj, statusOnly: true);

    /// <inheritdoc />
    public JsonObject? Delete(GroupResource resource, string? ns, string name)
    {
        CommitBatch? batch;
        JsonObject? removed;
        lock (_lock)
        {
            ThrowIfUnwritable();
            if (Latest(resource, Key(ns, name)) is not { } existing)
            {
                // Absent, perhaps by a delete still being made durable: answered once it is.
                batch = PendingBatch(resource, Key(ns, name));
                removed = null;
            }
            else
            {
                var rv = ++_stagedVersion;
                var last = Clone(existing);
                Metadata(last)["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
                batch = Stage("DELETED", resource, ns, name, last, rv);
                removed = Clone(last);
            }
        }

        AwaitDurable(batch);
        return removed;
    }

    private JsonObject Replace(GroupResource resource, string? ns, JsonObject obj, bool statusOnly)
    {
        ArgumentNullException.ThrowIfNull(obj);
        StorableObject.Check(obj);
        var incoming = Clone(obj);
        var incomingMetadata = Metadata(incoming);
        var name = (string?)incomingMetadata["name"] ?? string.Empty;
        CommitBatch? batch;
        JsonObject? result;
        ApiException? refusal;
        lock (_lock)
        {
            ThrowIfUnwritable();
            result = StageReplace(resource, ns, name, incoming, statusOnly, out batch, out refusal);
        }

        // A refusal because of a write that is not durable yet waits for it, so that the client's next read (a
        // patch's retry, a controller's resync) sees the version it lost to, as it would on a real API server.
        AwaitDurable(batch);
        return result ?? throw refusal!;
    }

    /// <summary>
    /// Stages a replacement (under the lock); null with the refusal when the object is absent or the request's
    /// resourceVersion is not the latest, with the batch that will make the latest durable.
    /// </summary>
    private JsonObject? StageReplace(GroupResource resource, string? ns, string name, JsonObject incoming, bool statusOnly,
        out CommitBatch? batch, out ApiException? refusal)
    {
        var incomingMetadata = Metadata(incoming);
        var existing = Latest(resource, Key(ns, name));
        var expectedVersion = (string?)incomingMetadata["resourceVersion"];
        refusal = existing is null ? ApiErrors.NotFound(resource, name)
            : !string.IsNullOrEmpty(expectedVersion) && expectedVersion != (string?)Metadata(existing)["resourceVersion"] ? ApiErrors.Conflict(resource, name)
            : null;
        if (existing is null || refusal is not null)
        {
            batch = PendingBatch(resource, Key(ns, name));
            return null;
        }

        var existingMetadata = Metadata(existing);
        JsonObject updated;
        if (statusOnly)
        {
            updated = Clone(existing);
            if (incoming["status"] is { } status)
            {
                updated["status"] = status.DeepClone();
            }
            else
            {
                updated.Remove("status");
            }

            // A status write records who changed the status (the registry sends managed fields only then).
            if (incomingMetadata["managedFields"] is { } managedFields)
            {
                Metadata(updated)["managedFields"] = managedFields.DeepClone();
            }
        }
        else
        {
            updated = incoming;
            var metadata = Metadata(updated);
            metadata["name"] = name;
            if (ns is not null)
            {
                metadata["namespace"] = ns;
            }

            foreach (var kept in (string[])["uid", "creationTimestamp", "generation"])
            {
                metadata.Remove(kept);
                if (existingMetadata[kept] is { } value)
                {
                    metadata[kept] = value.DeepClone();
                }
            }

            // Once marked for deletion an object stays marked; the registry's delete is what marks it (and the
            // registry keeps clients' writes from doing so), or moves the mark forward when a grace period is cut short.
            if (existingMetadata["deletionTimestamp"] is { } deletion && metadata["deletionTimestamp"] is null)
            {
                metadata["deletionTimestamp"] = deletion.DeepClone();
            }

            if (TracksGeneration(resource) && !JsonNode.DeepEquals(WithoutMetadataAndStatus(existing), WithoutMetadataAndStatus(updated)))
            {
                metadata["generation"] = ReadLong(existingMetadata["generation"]) + 1;
            }
        }

        // A write that changes nothing is not a change: no new resourceVersion, no event (as the real API server).
        // It is acknowledged once the state it found is durable.
        Metadata(updated)["resourceVersion"] = existingMetadata["resourceVersion"]?.DeepClone();
        if (JsonNode.DeepEquals(existing, updated))
        {
            batch = PendingBatch(resource, Key(ns, name));
            return Clone(existing);
        }

        var rv = ++_stagedVersion;
        Metadata(updated)["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
        batch = Stage("MODIFIED", resource, ns, name, updated, rv);
        return Clone(updated);
    }

    private JsonObject? TryGet(GroupResource resource, string? ns, string name) =>
        _objects.TryGetValue(resource, out var table) && table.TryGetValue(Key(ns, name), out var found) ? found : null;

    private SortedDictionary<string, JsonObject> Table(GroupResource resource)
    {
        if (!_objects.TryGetValue(resource, out var table))
        {
            table = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            _objects[resource] = table;
        }

        return table;
    }

    /// <summary>An object's key in its table. "\0" sorts before every name character, so ordinal order is namespace first, then name.</summary>
    internal static string Key(string? ns, string name) => (ns ?? string.Empty) + "\0" + name;

    private static JsonObject Clone(JsonObject obj) => obj.DeepClone().AsObject();

    private static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }

        metadata = [];
        obj["metadata"] = metadata;
        return metadata;
    }

    private static JsonObject WithoutMetadataAndStatus(JsonObject obj)
    {
        var copy = Clone(obj);
        copy.Remove("metadata");
        copy.Remove("status");
        return copy;
    }

    // Numbers built in-process are int- or long-backed, parsed ones JsonElement-backed: read all alike.
    private static long ReadLong(JsonNode? node) =>
        node is JsonValue value && long.TryParse(value.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var result) ? result : 0;

    private static string KindOf(JsonObject obj) => (string?)obj["kind"] ?? "Object";
}
