using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads;

/// <summary>
/// Writes core/v1 Events as client-go's recorder does for a controller or a kubelet: one event per object, reason and
/// message, whose count and lastTimestamp grow when it repeats. Best effort, like the real recorder: an event the
/// API refuses (a namespace being deleted) is dropped.
/// </summary>
internal sealed class EventRecorder(IObjectStore store, TimeProvider time)
{
    private static readonly GroupResource Events = new("", "events");

    // (namespace, object uid, reason, message) → the event's name, to aggregate repeats.
    private readonly ConcurrentDictionary<(string, string, string, string), string> _recorded = new();

    /// <summary>The component that reports an event: <c>replicaset-controller</c>, or <c>kubelet</c> on a node.</summary>
    public sealed record Source(string Component, string? Host = null);

    /// <summary>
    /// Records a Warning about <paramref name="involved"/>; <paramref name="fieldPath"/> names a container
    /// (<c>spec.containers{app}</c>). With <paramref name="latestMessage"/>, repeats of the reason with other messages
    /// update one event (as client-go's aggregator combines similar events) instead of adding one each.
    /// </summary>
    public void Warning(JsonObject involved, string reason, string message, Source source, string? fieldPath = null, bool latestMessage = false) =>
        Record(involved, "Warning", reason, message, source, fieldPath, latestMessage);

    /// <summary>Records a Normal event about <paramref name="involved"/> (<c>Scheduled</c>, <c>Pulled</c>, <c>SuccessfulCreate</c>); repeats aggregate.</summary>
    public void Normal(JsonObject involved, string reason, string message, Source source, string? fieldPath = null) =>
        Record(involved, "Normal", reason, message, source, fieldPath, latestMessage: false);

    /// <summary>Forgets the events of an object that is gone.</summary>
    public void Forget(string uid)
    {
        foreach (var key in _recorded.Keys.Where(k => k.Item2 == uid))
        {
            _recorded.TryRemove(key, out _);
        }
    }

    private void Record(JsonObject involved, string type, string reason, string message, Source source, string? fieldPath, bool latestMessage)
    {
        var ns = involved.Namespace() ?? "default";
        var key = (ns, involved.Uid(), reason, latestMessage ? "" : message);
        var now = time.GetUtcNow();
        var timestamp = JsonPaths.Timestamp(now);
        try
        {
            if (_recorded.TryGetValue(key, out var known) && store.Get(Events, ns, known) is { } existing)
            {
                existing["count"] = (existing.Long("count") ?? 1) + 1;
                existing["lastTimestamp"] = timestamp;
                existing["message"] = message;
                store.Update(Events, ns, existing);
                return;
            }

            var name = $"{involved.Name()}.{(now.ToUnixTimeMilliseconds() * 1_000_000 + _recorded.Count).ToString("x", CultureInfo.InvariantCulture)}";
            var reference = new JsonObject
            {
                ["kind"] = involved.Str("kind"),
                ["namespace"] = ns,
                ["name"] = involved.Name(),
                ["uid"] = involved.Uid(),
                ["apiVersion"] = involved.Str("apiVersion"),
                ["resourceVersion"] = involved.Str("metadata", "resourceVersion"),
            };
            if (fieldPath is not null)
            {
                reference["fieldPath"] = fieldPath;
            }

            var from = new JsonObject { ["component"] = source.Component };
            if (source.Host is not null)
            {
                from["host"] = source.Host;
            }

            store.Create(Events, ns, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Event",
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
                ["involvedObject"] = reference,
                ["reason"] = reason,
                ["message"] = message,
                ["source"] = from,
                ["firstTimestamp"] = timestamp,
                ["lastTimestamp"] = timestamp,
                ["count"] = 1,
                ["type"] = type,
                ["reportingComponent"] = source.Component,
                ["reportingInstance"] = source.Host ?? string.Empty,
            });
            _recorded[key] = name;
        }
        catch (ApiException)
        {
            // Best effort, as the real recorder's.
        }
    }
}
