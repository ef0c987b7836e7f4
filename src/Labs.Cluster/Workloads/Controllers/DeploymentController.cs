using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>
/// apps/v1 Deployments → ReplicaSets: one ReplicaSet per pod template (<c>&lt;deploy&gt;-&lt;hash&gt;</c>), rolled out by
/// the Deployment's strategy (RollingUpdate within maxSurge and maxUnavailable, or Recreate) with ScalingReplicaSet
/// events, old sets pruned to <c>revisionHistoryLimit</c>, and the Deployment's status and conditions (progress
/// deadline included) computed from its sets like the real controller does.
/// </summary>
internal sealed partial class DeploymentController(IObjectStore store, EventRecorder events, TimeProvider time)
    : OwnerController(WorkloadResources.Deployments, "Deployment", WorkloadResources.ReplicaSets)
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
    public const string MaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";

    /// <inheritdoc />
    protected override IObjectStore Store => store;

    /// <inheritdoc />
    public override string Name => "deployment-controller";

    /// <inheritdoc />
    public override TimeSpan? Reconcile(string ns, string name)
    {
        var deploy = store.Get(WorkloadResources.Deployments, ns, name);
        var owned = store.Controlled(WorkloadResources.ReplicaSets, ns, "Deployment", name, deploy,
            orphan => store.Delete(WorkloadResources.ReplicaSets, ns, orphan.Name()));

        if (deploy is null)
        {
            return null;
        }

        if (deploy.At("metadata", "deletionTimestamp") is not null)
        {
            // Being deleted (its replica sets are the garbage collector's now): no new replica sets, no scaling.
            return null;
        }

        var desired = (int)(deploy.Long("spec", "replicas") ?? 1);
        var template = deploy.Obj("spec", "template");
        var newRs = owned.FirstOrDefault(rs => TemplateHash.SameTemplate(rs.Obj("spec", "template"), template));
        var oldSets = owned.Where(rs => rs != newRs).ToList();
        var maxOldRevision = oldSets.Select(Revision).DefaultIfEmpty(0).Max();
        var maxSurge = MaxSurge(deploy, desired);
        var paused = deploy.At("spec", "paused") is JsonValue p && p.TryGetValue<bool>(out var isPaused) && isPaused;

        if (paused)
        {
            return WriteStatus(deploy, newRs, owned, created: false);
        }

        var created = false;
        if (newRs is null && !(Recreating(deploy) && OldPodsRunning(deploy, oldSets)))
        {
            // A new template: its set starts as large as the strategy allows now (Recreate: once the old pods are gone).
            newRs = CreateReplicaSet(deploy, desired, maxSurge, maxOldRevision + 1, NewReplicas(deploy, owned, null, desired, maxSurge));
            owned.Add(newRs);
            created = true;
        }
        else if (newRs is not null)
        {
            newRs = SyncReplicaSet(newRs, deploy, desired, maxSurge, maxOldRevision);
        }

        var waiting = Recreating(deploy) ? Recreate(deploy, newRs, oldSets, desired) : Roll(deploy, newRs, oldSets, owned, desired, maxSurge);
        PruneHistory(deploy, oldSets);
        if (newRs is not null)
        {
            SyncRevisionAnnotation(deploy, Revision(newRs));
        }

        // Re-read: the annotation write changed the resourceVersion, and status must describe current sets.
        deploy = store.Get(WorkloadResources.Deployments, ns, name);
        if (deploy is null)
        {
            return null;
        }

        var sets = store.List(WorkloadResources.ReplicaSets, ns).Items
            .Where(rs => rs.ControllerRef()?.Str("uid") == deploy.Uid()).ToList();
        var current = sets.FirstOrDefault(rs => TemplateHash.SameTemplate(rs.Obj("spec", "template"), deploy.Obj("spec", "template")));
        var recheck = WriteStatus(deploy, current, sets, created);
        return waiting is { } w && (recheck is null || w < recheck) ? w : recheck;
    }

    private static long Revision(JsonObject? rs) =>
        long.TryParse(rs.Str("metadata", "annotations", RevisionAnnotation), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 0;

    private static int MaxSurge(JsonObject deploy, int desired) =>
        deploy.Str("spec", "strategy", "type") == "Recreate"
            ? 0
            : IntOrPercent.Resolve(deploy.At("spec", "strategy", "rollingUpdate", "maxSurge"), desired, roundUp: true, fallbackPercent: 25);

    private static int MaxUnavailable(JsonObject deploy, int desired)
    {
        if (deploy.Str("spec", "strategy", "type") == "Recreate")
        {
            return desired;
        }

        var unavailable = IntOrPercent.Resolve(deploy.At("spec", "strategy", "rollingUpdate", "maxUnavailable"), desired, roundUp: false, fallbackPercent: 25);
        if (unavailable == 0 && MaxSurge(deploy, desired) == 0)
        {
            unavailable = 1;
        }

        return Math.Min(unavailable, desired);
    }

    private JsonObject CreateReplicaSet(JsonObject deploy, int desired, int maxSurge, long revision, int replicas)
    {
        var ns = deploy.Namespace();
        var hash = TemplateHash.Compute(deploy.Obj("spec", "template"));
        var template = TemplateHash.WithoutHashLabel(deploy.Obj("spec", "template"));
        template.Ensure("metadata").Ensure("labels")[TemplateHash.Label] = hash;

        var selector = (JsonObject?)deploy.Obj("spec", "selector")?.DeepClone() ?? [];
        selector.Ensure("matchLabels")[TemplateHash.Label] = hash;

        var annotations = CopiedAnnotations(deploy);
        annotations[DesiredReplicasAnnotation] = desired.ToString(CultureInfo.InvariantCulture);
        annotations[MaxReplicasAnnotation] = (desired + maxSurge).ToString(CultureInfo.InvariantCulture);
        annotations[RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture);

        var spec = new JsonObject { ["replicas"] = replicas };
        if (deploy.Long("spec", "minReadySeconds") is { } minReady && minReady > 0)
        {
            spec["minReadySeconds"] = minReady;
        }

        spec["selector"] = selector;
        spec["template"] = template;
        var rs = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{deploy.Name()}-{hash}",
                ["namespace"] = ns,
                ["labels"] = template.Obj("metadata", "labels")!.DeepClone(),
                ["annotations"] = annotations,
                ["ownerReferences"] = new JsonArray(JsonPaths.OwnerReference("apps/v1", "Deployment", deploy)),
            },
            ["spec"] = spec,
        };
        var created = store.Create(WorkloadResources.ReplicaSets, ns, rs);
        if (replicas > 0)
        {
            events.Normal(deploy, "ScalingReplicaSet", $"Scaled up replica set {created.Name()} from 0 to {replicas}", Source);
        }

        return created;
    }

    private JsonObject SyncReplicaSet(JsonObject rs, JsonObject deploy, int desired, int maxSurge, long maxOldRevision)
    {
        var annotations = rs.Ensure("metadata").Ensure("annotations");
        var before = rs.DeepClone();
        annotations[DesiredReplicasAnnotation] = desired.ToString(CultureInfo.InvariantCulture);
        annotations[MaxReplicasAnnotation] = (desired + maxSurge).ToString(CultureInfo.InvariantCulture);
        if (Revision(rs) <= maxOldRevision)
        {
            // A rollback to an older template makes that set the newest revision again.
            annotations[RevisionAnnotation] = (maxOldRevision + 1).ToString(CultureInfo.InvariantCulture);
        }

        if (deploy.Str("metadata", "annotations", "kubernetes.io/change-cause") is { } cause)
        {
            annotations["kubernetes.io/change-cause"] = cause;
        }

        return JsonNode.DeepEquals(before, rs) ? rs : store.Update(WorkloadResources.ReplicaSets, rs.Namespace(), rs);
    }

    private void PruneHistory(JsonObject deploy, List<JsonObject> oldSets)
    {
        var limit = deploy.Long("spec", "revisionHistoryLimit") ?? 10;
        var idle = oldSets.Where(rs => (rs.Long("status", "replicas") ?? 0) == 0 && (rs.Long("spec", "replicas") ?? 0) == 0)
            .OrderBy(Revision).ToList();
        for (var i = 0; i < idle.Count - limit; i++)
        {
            store.Delete(WorkloadResources.ReplicaSets, idle[i].Namespace(), idle[i].Name());
        }
    }

    private void SyncRevisionAnnotation(JsonObject deploy, long revision)
    {
        var value = revision.ToString(CultureInfo.InvariantCulture);
        if (deploy.Str("metadata", "annotations", RevisionAnnotation) == value)
        {
            return;
        }

        deploy.Ensure("metadata").Ensure("annotations")[RevisionAnnotation] = value;
        store.Update(WorkloadResources.Deployments, deploy.Namespace(), deploy);
    }

    private static JsonObject CopiedAnnotations(JsonObject deploy)
    {
        var result = new JsonObject();
        foreach (var (key, value) in deploy.Obj("metadata", "annotations") ?? [])
        {
            if (key != RevisionAnnotation && key != "kubectl.kubernetes.io/last-applied-configuration")
            {
                result[key] = value?.DeepClone();
            }
        }

        return result;
    }
}
