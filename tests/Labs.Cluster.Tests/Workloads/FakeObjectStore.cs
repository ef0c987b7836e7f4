using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads;

/// <summary>A small, thread-safe stand-in for the cluster store with the metadata semantics controllers rely on.</summary>
internal sealed class FakeObjectStore : IObjectStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(GroupResource, string?, string), JsonObject> _objects = [];
    private readonly List<Action<StoreEvent>> _subscribers = [];
    private long _version;
    private int _names;

    public long CurrentResourceVersion
    {
        get
        {
            lock (_lock)
            {
                return _version;
            }
        }
    }

    public JsonObject? Get(GroupResource resource, string? ns, string name)
    {
        lock (_lock)
        {
            return _objects.TryGetValue((resource, ns, name), out var obj) ? (JsonObject)obj.DeepClone() : null;
        }
    }

    public StoreList List(GroupResource resource, string? ns)
    {
        lock (_lock)
        {
            var items = _objects.Where(p => p.Key.Item1 == resource && (ns is null || p.Key.Item2 == ns))
                .OrderBy(p => p.Key.Item2, StringComparer.Ordinal).ThenBy(p => p.Key.Item3, StringComparer.Ordinal)
                .Select(p => (JsonObject)p.Value.DeepClone()).ToList();
            return new StoreList(items, _version);
        }
    }

    public JsonObject Create(GroupResource resource, string? ns, JsonObject obj)
    {
        lock (_lock)
        {
            var copy = (JsonObject)obj.DeepClone();
            var metadata = copy.Ensure("metadata");
            if (metadata.Str("name") is null && metadata.Str("generateName") is { } prefix)
            {
                metadata["name"] = prefix + (++_names).ToString("x5", CultureInfo.InvariantCulture);
            }

            var name = metadata.Str("name") ?? throw new ApiException(422, "Invalid", "name or generateName is required");
            if (_objects.ContainsKey((resource, ns, name)))
            {
                throw new ApiException(409, "AlreadyExists", $"{resource} \"{name}\" already exists");
            }

            if (ns is not null)
            {
                metadata["namespace"] = ns;
            }

            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            metadata["generation"] = 1;
            return Commit("ADDED", resource, ns, name, copy);
        }
    }

    public JsonObject Update(GroupResource resource, string? ns, JsonObject obj) => Replace(resource, ns, obj, statusOnly: false);

    public JsonObject UpdateStatus(GroupResource resource, string? ns, JsonObject obj) => Replace(resource, ns, obj, statusOnly: true);

    public JsonObject? Delete(GroupResource resource, string? ns, string name)
    {
        lock (_lock)
        {
            if (!_objects.Remove((resource, ns, name), out var obj))
            {
                return null;
            }

            obj.Ensure("metadata")["resourceVersion"] = (++_version).ToString(CultureInfo.InvariantCulture);
            Publish(new StoreEvent("DELETED", resource, (JsonObject)obj.DeepClone(), _version));
            return obj;
        }
    }

    public IDisposable Subscribe(long fromResourceVersion, Action<StoreEvent> handler)
    {
        lock (_lock)
        {
            _subscribers.Add(handler);
        }

        return new Unsubscriber(this, handler);
    }

    private JsonObject Replace(GroupResource resource, string? ns, JsonObject obj, bool statusOnly)
    {
        lock (_lock)
        {
            var name = obj.Name();
            if (!_objects.TryGetValue((resource, ns, name), out var stored))
            {
                throw new ApiException(404, "NotFound", $"{resource} \"{name}\" not found");
            }

            var expected = obj.Str("metadata", "resourceVersion");
            if (!string.IsNullOrEmpty(expected) && expected != stored.Str("metadata", "resourceVersion"))
            {
                throw new ApiException(409, "Conflict", $"Operation cannot be fulfilled on {resource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again");
            }

            JsonObject next;
            if (statusOnly)
            {
                next = (JsonObject)stored.DeepClone();
                next["status"] = obj["status"]?.DeepClone();
            }
            else
            {
                next = (JsonObject)obj.DeepClone();
                next["status"] = stored["status"]?.DeepClone();
                var metadata = next.Ensure("metadata");
                metadata["uid"] = stored.Str("metadata", "uid");
                metadata["creationTimestamp"] = stored.Str("metadata", "creationTimestamp");
                var generation = stored.Long("metadata", "generation") ?? 1;
                metadata["generation"] = JsonNode.DeepEquals(Spec(stored), Spec(next)) ? generation : generation + 1;
            }

            return Commit("MODIFIED", resource, ns, name, next);
        }
    }

    private static JsonObject Spec(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        copy.Remove("metadata");
        copy.Remove("status");
        return copy;
    }

    private JsonObject Commit(string type, GroupResource resource, string? ns, string name, JsonObject obj)
    {
        obj.Ensure("metadata")["resourceVersion"] = (++_version).ToString(CultureInfo.InvariantCulture);
        _objects[(resource, ns, name)] = obj;
        Publish(new StoreEvent(type, resource, (JsonObject)obj.DeepClone(), _version));
        return (JsonObject)obj.DeepClone();
    }

    private void Publish(StoreEvent e)
    {
        foreach (var subscriber in _subscribers.ToList())
        {
            subscriber(e);
        }
    }

    private sealed class Unsubscriber(FakeObjectStore store, Action<StoreEvent> handler) : IDisposable
    {
        public void Dispose()
        {
            lock (store._lock)
            {
                store._subscribers.Remove(handler);
            }
        }
    }
}
