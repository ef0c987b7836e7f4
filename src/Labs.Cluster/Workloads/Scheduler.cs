using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads;

/// <summary>
/// Binds pods without <c>spec.nodeName</c> to the Ready node with the fewest pods that matches the pod's
/// <c>nodeSelector</c>; marks the pod Unschedulable when none does. Both with the default scheduler's events.
/// </summary>
internal sealed class Scheduler(IObjectStore store, NodeRegistrar nodes, EventRecorder events)
{
    private static readonly EventRecorder.Source Source = new("default-scheduler");

    private static readonly TimeSpan UnschedulableRetry = TimeSpan.FromSeconds(5);

    /// <summary>True when the pod is bound and the kubelet may proceed; otherwise <paramref name="retry"/> says when to look again.</summary>
    public bool EnsureScheduled(JsonObject pod, out TimeSpan? retry)
    {
        retry = null;
        if (!string.IsNullOrEmpty(pod.Str("spec", "nodeName")))
        {
            return true;
        }

        var selector = pod.Obj("spec", "nodeSelector");
        var allNodes = store.List(WorkloadResources.Nodes, null).Items;
        var candidates = allNodes
            .Where(n => n.At("spec", "unschedulable") is not JsonValue u || !u.TryGetValue<bool>(out var b) || !b)
            .Where(n => n.Arr("status", "conditions").Objects().Any(c => c.Str("type") == "Ready" && c.Str("status") == "True"))
            .Where(n => JsonPaths.MatchesLabels(selector, n.Obj("metadata", "labels")))
            .ToList();
        if (candidates.Count == 0)
        {
            MarkUnschedulable(pod, allNodes.Count, selector is { Count: > 0 });
            retry = UnschedulableRetry;
            return false;
        }

        var load = store.List(WorkloadResources.Pods, null).Items
            .GroupBy(p => p.Str("spec", "nodeName") ?? "")
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var chosen = candidates
            .OrderBy(n => load.GetValueOrDefault(n.Name()))
            .ThenBy(n => nodes.IndexOf(n.Name()) == 0 ? int.MaxValue : nodes.IndexOf(n.Name()))
            .ThenBy(n => n.Name(), StringComparer.Ordinal)
            .First();

        pod.Ensure("spec")["nodeName"] = chosen.Name();
        store.Update(WorkloadResources.Pods, pod.Namespace(), pod);
        events.Normal(pod, "Scheduled", $"Successfully assigned {pod.Namespace()}/{pod.Name()} to {chosen.Name()}", Source);
        return false;
    }

    private void MarkUnschedulable(JsonObject pod, int nodeCount, bool hasSelector)
    {
        var why = hasSelector
            ? $"{nodeCount} node(s) didn't match Pod's node affinity/selector"
            : $"{nodeCount} node(s) were unschedulable";
        var message = $"0/{nodeCount} nodes are available: {why}. preemption: 0/{nodeCount} nodes are available: {nodeCount} Preemption is not helpful for scheduling.";
        var existing = pod.Arr("status", "conditions").Objects().FirstOrDefault(c => c.Str("type") == "PodScheduled");
        if (pod.Str("status", "phase") == "Pending" && existing?.Str("status") == "False" && existing.Str("message") == message)
        {
            return;
        }

        events.Warning(pod, "FailedScheduling", message, Source);
        pod["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "PodScheduled",
                ["status"] = "False",
                ["lastProbeTime"] = null,
                ["lastTransitionTime"] = JsonPaths.Timestamp(DateTimeOffset.UtcNow),
                ["reason"] = "Unschedulable",
                ["message"] = message,
            }),
            ["phase"] = "Pending",
            ["qosClass"] = Kubelet.QosClass(pod),
        };
        store.UpdateStatus(WorkloadResources.Pods, pod.Namespace(), pod);
    }
}
