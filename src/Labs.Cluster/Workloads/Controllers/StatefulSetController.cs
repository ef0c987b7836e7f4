using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>
/// apps/v1 StatefulSets → pods with stable identities, as the statefulset controller: <c>&lt;set&gt;-0</c> to
/// <c>&lt;set&gt;-(replicas-1)</c>, each with its hostname and the Service's subdomain, and its own claims from the
/// volumeClaimTemplates (<c>&lt;template&gt;-&lt;pod&gt;</c>, kept when the pod or the set goes). OrderedReady creates
/// one pod at a time, each once the one before is Running and Ready, and removes from the highest ordinal; Parallel
/// does all at once. A RollingUpdate replaces pods from the highest ordinal down to the partition, one at a time.
/// </summary>
internal sealed partial class StatefulSetController(IObjectStore store, EventRecorder events, TimeProvider time)
    : OwnerController(StatefulSets, "StatefulSet", WorkloadResources.Pods)
{
    private static readonly GroupResource StatefulSets = new("apps", "statefulsets");
    private static readonly GroupResource Claims = new("", "persistentvolumeclaims");
    private static readonly EventRecorder.Source Source = new("statefulset-controller");

    /// <inheritdoc />
    protected override IObjectStore Store => store;

    /// <inheritdoc />
    public override string Name => "statefulset-controller";

    /// <inheritdoc />
    public override TimeSpan? Reconcile(string ns, string name)
    {
        var set = store.Get(StatefulSets, ns, name);
        var pods = store.Controlled(WorkloadResources.Pods, ns, "StatefulSet", name, set, orphan => store.Delete(WorkloadResources.Pods, ns, orphan.Name()));
        if (set is null || set.At("metadata", "deletionTimestamp") is not null)
        {
            return null;
        }

        var hash = ControllerRevisions.Sync(store, set, "StatefulSet");
        var replicas = (int)(set.Long("spec", "replicas") ?? 1);
        var parallel = set.Str("spec", "podManagementPolicy") == "Parallel";
        var byOrdinal = pods.Select(p => (Ordinal: Ordinal(name, p.Name()), Pod: p)).Where(p => p.Ordinal >= 0)
            .ToDictionary(p => p.Ordinal, p => p.Pod);

        // Scale up in order: each missing pod (with its claims); OrderedReady waits for the one before to be ready.
        for (var i = 0; i < replicas; i++)
        {
            if (!byOrdinal.TryGetValue(i, out var pod))
            {
                byOrdinal[i] = pod = CreatePod(set, i, hash);
                if (!parallel)
                {
                    break;
                }

                continue;
            }

            if (!parallel && (pod.At("metadata", "deletionTimestamp") is not null || !PodStatus.IsReady(pod)))
            {
                break;
            }
        }

        // Scale down from the highest ordinal: OrderedReady one at a time, once the pods below are all ready.
        var surplus = byOrdinal.Where(p => p.Key >= replicas && p.Value.At("metadata", "deletionTimestamp") is null)
            .OrderByDescending(p => p.Key).Select(p => p.Value).ToList();
        var belowReady = Enumerable.Range(0, replicas).All(i => byOrdinal.TryGetValue(i, out var p) && PodStatus.IsReady(p));
        foreach (var pod in parallel ? surplus : surplus.Take(belowReady && !byOrdinal.Any(p => p.Key >= replicas && p.Value.At("metadata", "deletionTimestamp") is not null) ? 1 : 0))
        {
            DeletePod(set, pod);
        }

        Update(set, hash, replicas, byOrdinal);
        WriteStatus(set, hash, replicas, byOrdinal);
        return null;
    }

    /// <summary>The ordinal of a pod of the set by its name (<c>web-2</c> → 2), or -1.</summary>
    private static int Ordinal(string set, string pod) =>
        pod.StartsWith(set + "-", StringComparison.Ordinal)
        && int.TryParse(pod.AsSpan(set.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal) ? ordinal : -1;

    /// <summary>
    /// RollingUpdate: once every pod is there and ready, the highest-ordinal pod at or above the partition that runs an
    /// old revision is deleted; the next sync creates it again from the new template. OnDelete waits for the learner.
    /// </summary>
    private void Update(JsonObject set, string hash, int replicas, Dictionary<int, JsonObject> byOrdinal)
    {
        if (set.Str("spec", "updateStrategy", "type") == "OnDelete"
            || !Enumerable.Range(0, replicas).All(i => byOrdinal.TryGetValue(i, out var p) && p.At("metadata", "deletionTimestamp") is null && PodStatus.IsReady(p)))
        {
            return;
        }

        var partition = (int)(set.Long("spec", "updateStrategy", "rollingUpdate", "partition") ?? 0);
        var stale = Enumerable.Range(0, replicas).Reverse().Where(i => i >= partition)
            .FirstOrDefault(i => byOrdinal[i].Str("metadata", "labels", ControllerRevisions.HashLabel) != hash, -1);
        if (stale >= 0)
        {
            DeletePod(set, byOrdinal[stale]);
        }
    }

    private JsonObject CreatePod(JsonObject set, int ordinal, string hash)
    {
        var podName = $"{set.Name()}-{ordinal.ToString(CultureInfo.InvariantCulture)}";
        var template = set.Obj("spec", "template");
        var spec = template.Obj("spec")?.DeepClone().AsObject() ?? [];
        var volumes = spec["volumes"] as JsonArray ?? [];
        spec["volumes"] = volumes;
        foreach (var claimTemplate in set.Arr("spec", "volumeClaimTemplates").Objects())
        {
            var volumeName = claimTemplate.Str("metadata", "name") ?? "";
            var claimName = $"{volumeName}-{podName}";
            EnsureClaim(set, claimTemplate, claimName, podName);
            foreach (var same in volumes.Objects().Where(v => v.Str("name") == volumeName).ToList())
            {
                volumes.Remove(same);
            }

            volumes.Add(new JsonObject { ["name"] = volumeName, ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = claimName } });
        }

        if (volumes.Count == 0)
        {
            spec.Remove("volumes");
        }

        spec["hostname"] = podName;
        if (set.Str("spec", "serviceName") is { Length: > 0 } service)
        {
            spec["subdomain"] = service;
        }

        var labels = template.Obj("metadata", "labels")?.DeepClone().AsObject() ?? [];
        labels["apps.kubernetes.io/pod-index"] = ordinal.ToString(CultureInfo.InvariantCulture);
        labels[ControllerRevisions.HashLabel] = hash;
        labels["statefulset.kubernetes.io/pod-name"] = podName;
        var metadata = new JsonObject { ["name"] = podName, ["namespace"] = set.Namespace(), ["labels"] = labels };
        if (template.Obj("metadata", "annotations") is { } annotations)
        {
            metadata["annotations"] = annotations.DeepClone();
        }

        metadata["ownerReferences"] = new JsonArray(JsonPaths.OwnerReference("apps/v1", "StatefulSet", set));
        var pod = store.Create(WorkloadResources.Pods, set.Namespace(), new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = metadata, ["spec"] = spec });
        events.Normal(set, "SuccessfulCreate", $"create Pod {podName} in StatefulSet {set.Name()} successful", Source);
        return pod;
    }

    /// <summary>A pod's claim from its template, labelled with the set's selector; an existing one is kept as it is.</summary>
    private void EnsureClaim(JsonObject set, JsonObject claimTemplate, string claimName, string podName)
    {
        if (store.Get(Claims, set.Namespace(), claimName) is not null)
        {
            return;
        }

        var labels = claimTemplate.Obj("metadata", "labels")?.DeepClone().AsObject() ?? [];
        foreach (var (key, value) in set.Obj("spec", "selector", "matchLabels") ?? [])
        {
            labels[key] = value?.DeepClone();
        }

        var metadata = new JsonObject { ["name"] = claimName, ["namespace"] = set.Namespace(), ["labels"] = labels };
        if (claimTemplate.Obj("metadata", "annotations") is { } annotations)
        {
            metadata["annotations"] = annotations.DeepClone();
        }

        store.Create(Claims, set.Namespace(), new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "PersistentVolumeClaim",
            ["metadata"] = metadata,
            ["spec"] = claimTemplate.Obj("spec")?.DeepClone() ?? new JsonObject(),
        });
        events.Normal(set, "SuccessfulCreate", $"create Claim {claimName} Pod {podName} in StatefulSet {set.Name()} success", Source);
    }

    private void DeletePod(JsonObject set, JsonObject pod)
    {
        if (store.Delete(WorkloadResources.Pods, pod.Namespace(), pod.Name()) is not null)
        {
            events.Normal(set, "SuccessfulDelete", $"delete Pod {pod.Name()} in StatefulSet {set.Name()} successful", Source);
        }
    }

    private void WriteStatus(JsonObject set, string hash, int replicas, Dictionary<int, JsonObject> byOrdinal)
    {
        var live = byOrdinal.Values.Where(p => p.At("metadata", "deletionTimestamp") is null).ToList();
        var updated = live.Count(p => p.Str("metadata", "labels", ControllerRevisions.HashLabel) == hash);
        var minReady = TimeSpan.FromSeconds(set.Long("spec", "minReadySeconds") ?? 0);
        var now = time.GetUtcNow();
        var updateRevision = $"{set.Name()}-{hash}";
        var currentRevision = set.Str("status", "currentRevision") is { Length: > 0 } known && updated < live.Count ? known : updateRevision;
        var status = new JsonObject
        {
            ["observedGeneration"] = set.Long("metadata", "generation") ?? 1,
            ["replicas"] = live.Count,
            ["readyReplicas"] = live.Count(PodStatus.IsReady),
            ["currentReplicas"] = currentRevision == updateRevision ? updated : live.Count - updated,
            ["updatedReplicas"] = updated,
            ["currentRevision"] = currentRevision,
            ["updateRevision"] = updateRevision,
            ["collisionCount"] = set.Long("status", "collisionCount") ?? 0,
            ["availableReplicas"] = live.Count(p => PodStatus.IsReady(p) && (PodStatus.ReadySince(p) ?? now) + minReady <= now),
        };
        foreach (var field in (string[])["readyReplicas", "currentReplicas", "updatedReplicas"])
        {
            if (status.Long(field) == 0)
            {
                status.Remove(field);
            }
        }

        if (!JsonNode.DeepEquals(set.Obj("status"), status))
        {
            set["status"] = status;
            store.UpdateStatus(StatefulSets, set.Namespace(), set);
        }
    }
}
