using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>
/// apps/v1 ReplicaSets → pods: keeps <c>spec.replicas</c> pods (generateName <c>&lt;rs&gt;-</c>) owned by the set,
/// deletes the least useful pods first when scaling down, and reports the set's status. A pod the API refuses (a full
/// quota, a LimitRange) stops the creating: the set gets a <c>ReplicaFailure</c> condition and a FailedCreate event, and
/// is tried again later with a growing delay.
/// </summary>
internal sealed partial class ReplicaSetController(IObjectStore store, EventRecorder events, TimeProvider time)
    : OwnerController(WorkloadResources.ReplicaSets, "ReplicaSet", WorkloadResources.Pods)
{
    // The most pods one sync creates, as the real controller's burstReplicas.
    private const int BurstReplicas = 500;

    /// <inheritdoc />
    protected override IObjectStore Store => store;

    /// <inheritdoc />
    public override string Name => "replicaset-controller";

    /// <inheritdoc />
    public override TimeSpan? Reconcile(string ns, string name)
    {
        var rs = store.Get(WorkloadResources.ReplicaSets, ns, name);
        // A terminating pod is on its way out: it is neither counted nor deleted again, as FilterActivePods does.
        var pods = store.Controlled(WorkloadResources.Pods, ns, "ReplicaSet", name, rs, orphan =>
        {
            if (orphan.At("metadata", "deletionTimestamp") is null)
            {
                store.Delete(WorkloadResources.Pods, ns, orphan.Name());
            }
        });
        pods.RemoveAll(p => p.At("metadata", "deletionTimestamp") is not null);

        if (rs is null)
        {
            ForgetFailures(ns, name);
            return null;
        }

        if (rs.At("metadata", "deletionTimestamp") is not null)
        {
            // Being deleted: its pods are the garbage collector's now, none is created.
            return null;
        }

        var desired = (int)(rs.Long("spec", "replicas") ?? 1);
        var surplus = pods.Count - desired;
        ApiException? failure = null;
        if (pods.Count < desired)
        {
            for (var i = 0; i < Math.Min(desired - pods.Count, BurstReplicas); i++)
            {
                try
                {
                    var pod = store.Create(WorkloadResources.Pods, ns, NewPod(rs));
                    pods.Add(pod);
                    events.Normal(rs, "SuccessfulCreate", "Created pod: " + pod.Name(), ControllerSource);
                }
                catch (ApiException e)
                {
                    // The next pod would be refused for the same reason: stop, as the real controller's slow-start batches do.
                    failure = e;
                    break;
                }
            }
        }
        else if (pods.Count > desired)
        {
            foreach (var victim in pods.OrderBy(PodStatus.DeletionRank).ThenByDescending(p => p.Str("metadata", "creationTimestamp"), StringComparer.Ordinal)
                         .Take(pods.Count - desired).ToList())
            {
                store.Delete(WorkloadResources.Pods, ns, victim.Name());
                pods.Remove(victim);
                events.Normal(rs, "SuccessfulDelete", "Deleted pod: " + victim.Name(), ControllerSource);
            }
        }

        var retry = failure is null ? Succeeded(rs) : Failed(rs, failure);
        var recheck = WriteStatus(rs, pods, FailureCondition(rs, failure, surplus));
        return retry is { } r && (recheck is null || r < recheck) ? r : recheck;
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

    private TimeSpan? WriteStatus(JsonObject rs, List<JsonObject> pods, JsonArray? conditions)
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

        if (conditions is not null)
        {
            status["conditions"] = conditions;
        }

        if (!JsonNode.DeepEquals(rs.Obj("status"), status))
        {
            rs["status"] = status;
            store.UpdateStatus(WorkloadResources.ReplicaSets, rs.Namespace(), rs);
        }

        return recheck;
    }
}
