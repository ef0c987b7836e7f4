using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads;

/// <summary>
/// apps/v1 ReplicaSets → pods: keeps <c>spec.replicas</c> pods (generateName <c>&lt;rs&gt;-</c>) owned by the set,
/// deletes the least useful pods first when scaling down, and reports the set's status.
/// </summary>
internal sealed class ReplicaSetController(IObjectStore store, TimeProvider time)
{
    public TimeSpan? Reconcile(string ns, string name)
    {
        var rs = store.Get(WorkloadResources.ReplicaSets, ns, name);
        var pods = new List<JsonObject>();
        foreach (var pod in store.List(WorkloadResources.Pods, ns).Items)
        {
            if (pod.ControllerRef() is not { } owner || owner.Str("kind") != "ReplicaSet" || owner.Str("name") != name)
            {
                continue;
            }

            if (rs is null || owner.Str("uid") != rs.Uid())
            {
                store.Delete(WorkloadResources.Pods, ns, pod.Name());
                continue;
            }

            pods.Add(pod);
        }

        if (rs is null)
        {
            return null;
        }

        var desired = (int)(rs.Long("spec", "replicas") ?? 1);
        if (pods.Count < desired)
        {
            for (var i = pods.Count; i < desired; i++)
            {
                pods.Add(store.Create(WorkloadResources.Pods, ns, NewPod(rs)));
            }
        }
        else if (pods.Count > desired)
        {
            foreach (var victim in pods.OrderBy(DeletionRank).ThenByDescending(p => p.Str("metadata", "creationTimestamp"), StringComparer.Ordinal)
                         .Take(pods.Count - desired).ToList())
            {
                store.Delete(WorkloadResources.Pods, ns, victim.Name());
                pods.Remove(victim);
            }
        }

        return WriteStatus(rs, pods);
    }

    private static JsonObject NewPod(JsonObject rs)
    {
        var template = rs.Obj("spec", "template");
        var metadata = new JsonObject
        {
            ["generateName"] = rs.Name() + "-",
            ["namespace"] = rs.Namespace(),
        };
        if (template.Obj("metadata", "labels") is { } labels)
        {
            metadata["labels"] = labels.DeepClone();
        }

        if (template.Obj("metadata", "annotations") is { } annotations)
        {
            metadata["annotations"] = annotations.DeepClone();
        }

        metadata["ownerReferences"] = new JsonArray(JsonPaths.OwnerReference("apps/v1", "ReplicaSet", rs));
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = template.Obj("spec")?.DeepClone() ?? new JsonObject(),
        };
    }

    /// <summary>Lower ranks go first on scale-down: unscheduled, then pending, then not ready, then ready.</summary>
    private static int DeletionRank(JsonObject pod)
    {
        if (string.IsNullOrEmpty(pod.Str("spec", "nodeName")))
        {
            return 0;
        }

        if (pod.Str("status", "phase") != "Running")
        {
            return 1;
        }

        return PodStatus.IsReady(pod) ? 3 : 2;
    }

    private TimeSpan? WriteStatus(JsonObject rs, List<JsonObject> pods)
    {
        var templateLabels = rs.Obj("spec", "template", "metadata", "labels");
        var minReady = TimeSpan.FromSeconds(rs.Long("spec", "minReadySeconds") ?? 0);
        var now = time.GetUtcNow();
        TimeSpan? recheck = null;
        var available = 0;
        foreach (var pod in pods.Where(PodStatus.IsReady))
        {
            var readySince = PodStatus.ReadySince(pod) ?? now;
            var wait = readySince + minReady - now;
            if (wait <= TimeSpan.Zero)
            {
                available++;
            }
            else
            {
                recheck = recheck is { } r && r < wait ? r : wait;
            }
        }

        var status = new JsonObject { ["replicas"] = pods.Count };
        var fullyLabeled = pods.Count(p => JsonPaths.MatchesLabels(templateLabels, p.Obj("metadata", "labels")));
        var ready = pods.Count(PodStatus.IsReady);
        if (fullyLabeled != 0)
        {
            status["fullyLabeledReplicas"] = fullyLabeled;
        }

        if (ready != 0)
        {
            status["readyReplicas"] = ready;
        }

        if (available != 0)
        {
            status["availableReplicas"] = available;
        }

        if (rs.Long("metadata", "generation") is { } generation)
        {
            status["observedGeneration"] = generation;
        }

        if (!JsonNode.DeepEquals(rs.Obj("status"), status))
        {
            rs["status"] = status;
            store.UpdateStatus(WorkloadResources.ReplicaSets, rs.Namespace(), rs);
        }

        return recheck;
    }
}
