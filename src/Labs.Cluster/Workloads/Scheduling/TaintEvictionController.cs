using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Storage;
using Labs.Cluster.Workloads.Controllers;

namespace Labs.Cluster.Workloads.Scheduling;

/// <summary>
/// The taint-eviction controller: a pod on a node with a <c>NoExecute</c> taint it does not tolerate is deleted at once,
/// one that tolerates it for <c>tolerationSeconds</c> when they have passed (from the taint's <c>timeAdded</c>, or from
/// when the controller first saw it). The pod first gets the DisruptionTarget condition, and the event the real
/// controller records.
/// </summary>
internal sealed class TaintEvictionController(IObjectStore store, EventRecorder events, TimeProvider time) : IController
{
    private static readonly EventRecorder.Source Source = new("taint-eviction-controller");

    // When the controller first saw each NoExecute taint without a timeAdded: (node, key, value) → time.
    private readonly Dictionary<(string Node, string? Key, string? Value), DateTimeOffset> _seen = [];

    /// <inheritdoc />
    public string Name => "taint-eviction-controller";

    /// <inheritdoc />
    public IEnumerable<WorkItem> KeysFor(StoreEvent change) =>
        change.Resource == WorkloadResources.Nodes && change.Type != "DELETED" ? [WorkItem.Of(change.Resource, change.Object)]
        : change.Resource == WorkloadResources.Pods && change.Type != "DELETED" && change.Object.Str("spec", "nodeName") is { Length: > 0 } node
            ? [new WorkItem(WorkloadResources.Nodes, null, node)]
            : [];

    /// <inheritdoc />
    public IEnumerable<WorkItem> Resync() => WorkItem.AllOf(store, WorkloadResources.Nodes);

    /// <inheritdoc />
    public TimeSpan? Reconcile(WorkItem item, WorkQueue queue)
    {
        var node = store.Get(WorkloadResources.Nodes, null, item.Name);
        var taints = node.Arr("spec", "taints").Objects().Where(t => t.Str("effect") == "NoExecute").ToList();
        var now = time.GetUtcNow();
        foreach (var key in _seen.Keys.Where(k => k.Node == item.Name && !taints.Any(t => (t.Str("key"), t.Str("value")) == (k.Key, k.Value))).ToList())
        {
            _seen.Remove(key);
        }

        if (taints.Count == 0)
        {
            return null;
        }

        TimeSpan? again = null;
        foreach (var pod in store.List(WorkloadResources.Pods, null).Items.Where(p => p.Str("spec", "nodeName") == item.Name
            && p.At("metadata", "deletionTimestamp") is null && p.Str("status", "phase") is not ("Succeeded" or "Failed")))
        {
            var evictAt = EvictionTime(pod, item.Name, taints, now);
            if (evictAt is not { } at)
            {
                continue;
            }

            if (at > now)
            {
                again = again is { } a && a < at - now ? a : at - now;
                continue;
            }

            Evict(pod);
        }

        return again;
    }

    /// <summary>When the pod must go: now for an untolerated taint, else the earliest end of a tolerationSeconds; null never.</summary>
    private DateTimeOffset? EvictionTime(JsonObject pod, string node, List<JsonObject> taints, DateTimeOffset now)
    {
        DateTimeOffset? earliest = null;
        foreach (var taint in taints)
        {
            var tolerations = pod.Arr("spec", "tolerations").Objects().Where(t => Tolerations.Tolerates(t, taint)).ToList();
            if (tolerations.Count == 0)
            {
                return now;
            }

            // The shortest tolerationSeconds of the matching tolerations counts; one without it tolerates forever.
            if (tolerations.Any(t => t.Long("tolerationSeconds") is null))
            {
                continue;
            }

            var seconds = Math.Max(0, tolerations.Min(t => t.Long("tolerationSeconds")!.Value));
            var since = DateTimeOffset.TryParse(taint.Str("timeAdded"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var added)
                ? added
                : Seen(node, taint, now);
            var at = since + TimeSpan.FromSeconds(seconds);
            earliest = earliest is { } e && e < at ? e : at;
        }

        return earliest;
    }

    private DateTimeOffset Seen(string node, JsonObject taint, DateTimeOffset now)
    {
        var key = (node, taint.Str("key"), taint.Str("value"));
        if (!_seen.TryGetValue(key, out var since))
        {
            _seen[key] = since = now;
        }

        return since;
    }

    private void Evict(JsonObject pod)
    {
        var conditions = pod.Arr("status", "conditions")?.DeepClone().AsArray() ?? [];
        if (!conditions.Objects().Any(c => c.Str("type") == "DisruptionTarget"))
        {
            conditions.Add(new JsonObject
            {
                ["type"] = "DisruptionTarget",
                ["status"] = "True",
                ["lastProbeTime"] = null,
                ["lastTransitionTime"] = JsonPaths.Timestamp(time.GetUtcNow()),
                ["reason"] = "DeletionByTaintManager",
                ["message"] = "Taint manager: deleting due to NoExecute taint",
            });
            pod.Ensure("status")["conditions"] = conditions;
            pod = store.UpdateStatus(WorkloadResources.Pods, pod.Namespace(), pod);
        }

        events.Normal(pod, "TaintManagerEviction", $"Marking for deletion Pod {pod.Namespace()}/{pod.Name()}", Source);
        store.Delete(WorkloadResources.Pods, pod.Namespace(), pod.Name());
    }
}
