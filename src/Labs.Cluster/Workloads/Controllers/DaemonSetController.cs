using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Storage;
using Labs.Cluster.Workloads.Scheduling;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>
/// apps/v1 DaemonSets → one pod per node, as the daemonset controller: on every node whose labels match the template's
/// node selector and affinity and whose NoSchedule and NoExecute taints the pod tolerates (with the tolerations the
/// controller adds, so a cordoned or not-ready node keeps its daemon), pinned there by node affinity and bound by the
/// scheduler. A changed template is a new ControllerRevision; RollingUpdate replaces at most maxUnavailable pods at a
/// time, OnDelete waits for the learner to delete them. It reacts to node changes too (a new label or taint).
/// </summary>
internal sealed partial class DaemonSetController(IObjectStore store, EventRecorder events, TimeProvider time) : IController
{
    private const string RevisionLabel = ControllerRevisions.HashLabel;
    private static readonly GroupResource DaemonSets = new("apps", "daemonsets");
    private static readonly EventRecorder.Source Source = new("daemonset-controller");

    /// <inheritdoc />
    public string Name => "daemonset-controller";

    /// <inheritdoc />
    public IEnumerable<WorkItem> KeysFor(StoreEvent change) =>
        change.Resource == DaemonSets ? [WorkItem.Of(change.Resource, change.Object)]
        : change.Resource == WorkloadResources.Pods && change.Object.OwnerKey("DaemonSet", DaemonSets) is { } owner ? [owner]
        : change.Resource == WorkloadResources.Nodes ? [new WorkItem(WorkloadResources.Nodes, null, change.Object.Name())]
        : [];

    /// <inheritdoc />
    public IEnumerable<WorkItem> Resync() => WorkItem.AllOf(store, DaemonSets);

    /// <inheritdoc />
    public TimeSpan? Reconcile(WorkItem item, WorkQueue queue)
    {
        if (item.Resource == WorkloadResources.Nodes)
        {
            // A node came, went or changed: every DaemonSet looks again.
            foreach (var ds in store.List(DaemonSets, null).Items)
            {
                queue.Add(WorkItem.Of(DaemonSets, ds));
            }

            return null;
        }

        return Sync(item.Namespace!, item.Name);
    }

    private TimeSpan? Sync(string ns, string name)
    {
        var ds = store.Get(DaemonSets, ns, name);
        var pods = store.Controlled(WorkloadResources.Pods, ns, "DaemonSet", name, ds, orphan => store.Delete(WorkloadResources.Pods, ns, orphan.Name()));

        if (ds is null || ds.At("metadata", "deletionTimestamp") is not null)
        {
            return null;
        }

        var hash = ControllerRevisions.Sync(store, ds, "DaemonSet");
        var nodes = store.List(WorkloadResources.Nodes, null).Items;
        var byNode = pods.Where(p => p.At("metadata", "deletionTimestamp") is null)
            .GroupBy(p => TargetNode(p) ?? string.Empty).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var shouldRun = nodes.Where(n => ShouldRun(ds, n, "NoSchedule", "NoExecute")).Select(n => n.Name()).ToHashSet(StringComparer.Ordinal);
        var mayStay = nodes.Where(n => ShouldRun(ds, n, "NoExecute")).Select(n => n.Name()).ToHashSet(StringComparer.Ordinal);

        foreach (var (node, onNode) in byNode)
        {
            // Pods where none may run go (a NoSchedule taint keeps those already there); a node with more than one
            // keeps the oldest.
            var surplus = mayStay.Contains(node)
                ? onNode.OrderBy(p => p.Str("metadata", "creationTimestamp"), StringComparer.Ordinal).Skip(1)
                : onNode;
            DeletePods(ds, surplus.ToList());
        }

        foreach (var node in shouldRun.Where(n => !byNode.ContainsKey(n)).Order(StringComparer.Ordinal))
        {
            var pod = store.Create(WorkloadResources.Pods, ns, NewPod(ds, node, hash));
            events.Normal(ds, "SuccessfulCreate", "Created pod: " + pod.Name(), Source);
        }

        var recheck = RollingUpdate(ds, hash, shouldRun, byNode);
        return WriteStatus(ds, hash, shouldRun, byNode) is { } wait && (recheck is null || wait < recheck) ? wait : recheck;
    }

    /// <summary>The node a daemon pod is bound or pinned to.</summary>
    private static string? TargetNode(JsonObject pod) =>
        pod.Str("spec", "nodeName") is { Length: > 0 } bound ? bound
        : pod.Arr("spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms").Objects()
            .SelectMany(t => t.Arr("matchFields").Objects()).FirstOrDefault(f => f.Str("key") == "metadata.name")?.Arr("values")?[0]?.GetValue<string>();

    /// <summary>nodeShouldRunDaemonPod: the template's selector and affinity match, and its taints of those effects are tolerated.</summary>
    private static bool ShouldRun(JsonObject ds, JsonObject node, params string[] effects)
    {
        var pod = new JsonObject { ["spec"] = ds.Obj("spec", "template", "spec")?.DeepClone() ?? new JsonObject() };
        AddTolerations(pod.Obj("spec")!);
        return NodeAffinity.Matches(pod, node) && !Tolerations.Untolerated(pod, node, effects).Any();
    }

    private void DeletePods(JsonObject ds, List<JsonObject> pods)
    {
        foreach (var pod in pods)
        {
            if (store.Delete(WorkloadResources.Pods, pod.Namespace(), pod.Name()) is not null)
            {
                events.Normal(ds, "SuccessfulDelete", "Deleted pod: " + pod.Name(), Source);
            }
        }
    }

    /// <summary>A pod from the template, pinned to its node by node affinity (the scheduler binds it) and tolerating what a daemon must.</summary>
    private static JsonObject NewPod(JsonObject ds, string node, string hash)
    {
        var template = ds.Obj("spec", "template");
        var labels = template.Obj("metadata", "labels")?.DeepClone().AsObject() ?? [];
        labels[RevisionLabel] = hash;
        labels["pod-template-generation"] = (ds.Long("metadata", "generation") ?? 1).ToString(CultureInfo.InvariantCulture);
        var metadata = new JsonObject { ["generateName"] = ds.Name() + "-", ["namespace"] = ds.Namespace(), ["labels"] = labels };
        if (template.Obj("metadata", "annotations") is { } annotations)
        {
            metadata["annotations"] = annotations.DeepClone();
        }

        metadata["ownerReferences"] = new JsonArray(JsonPaths.OwnerReference("apps/v1", "DaemonSet", ds));
        var spec = template.Obj("spec")?.DeepClone().AsObject() ?? [];
        var affinity = spec.Ensure("affinity");
        var nodeAffinity = affinity.Ensure("nodeAffinity");
        nodeAffinity["requiredDuringSchedulingIgnoredDuringExecution"] = new JsonObject
        {
            ["nodeSelectorTerms"] = new JsonArray(new JsonObject
            {
                ["matchFields"] = new JsonArray(new JsonObject { ["key"] = "metadata.name", ["operator"] = "In", ["values"] = new JsonArray(node) }),
            }),
        };
        AddTolerations(spec);
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = metadata, ["spec"] = spec };
    }

    // AddOrUpdateDaemonPodTolerations: a daemon stays through a node's trouble and cordoning.
    private static void AddTolerations(JsonObject spec)
    {
        var tolerations = spec["tolerations"] as JsonArray ?? [];
        spec["tolerations"] = tolerations;
        var wanted = new List<(string Key, string Effect)>
        {
            ("node.kubernetes.io/not-ready", "NoExecute"), ("node.kubernetes.io/unreachable", "NoExecute"),
            ("node.kubernetes.io/disk-pressure", "NoSchedule"), ("node.kubernetes.io/memory-pressure", "NoSchedule"),
            ("node.kubernetes.io/pid-pressure", "NoSchedule"), ("node.kubernetes.io/unschedulable", "NoSchedule"),
        };
        if (spec.At("hostNetwork") is JsonValue host && host.TryGetValue<bool>(out var onHost) && onHost)
        {
            wanted.Add(("node.kubernetes.io/network-unavailable", "NoSchedule"));
        }

        foreach (var (key, effect) in wanted.Where(w => !tolerations.Objects().Any(t => t.Str("key") == w.Key && t.Str("effect") == w.Effect)))
        {
            tolerations.Add(new JsonObject { ["key"] = key, ["operator"] = "Exists", ["effect"] = effect });
        }
    }
}
