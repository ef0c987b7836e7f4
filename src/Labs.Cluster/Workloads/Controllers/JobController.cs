using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>
/// batch/v1 Jobs → pods, as kube-controller-manager's job controller: it keeps <c>parallelism</c> pods running until
/// <c>completions</c> of them succeed (or, without completions, one does), replaces failed ones after a growing delay,
/// fails the Job past <c>backoffLimit</c> or <c>activeDeadlineSeconds</c>, suspends and resumes it, and counts every
/// finished pod exactly once through the <c>batch.kubernetes.io/job-tracking</c> finalizer and
/// <c>status.uncountedTerminatedPods</c>, so nothing is lost when a finished pod is deleted or the platform restarts.
/// </summary>
internal sealed partial class JobController(IObjectStore store, EventRecorder events, TimeProvider time) : IController
{
    /// <summary>The finalizer that keeps a pod until the controller has counted it.</summary>
    public const string TrackingFinalizer = "batch.kubernetes.io/job-tracking";

    private static readonly EventRecorder.Source Source = new("job-controller");

    /// <inheritdoc />
    public string Name => "job-controller";

    /// <inheritdoc />
    public IEnumerable<WorkItem> KeysFor(StoreEvent change)
    {
        if (change.Resource == WorkloadResources.Jobs)
        {
            return [WorkItem.Of(change.Resource, change.Object)];
        }

        if (change.Resource != WorkloadResources.Pods)
        {
            return [];
        }

        if (change.Object.OwnerKey("Job", WorkloadResources.Jobs) is { } owner)
        {
            return [owner];
        }

        // A pod the controller still tracks but no Job controls any more (orphaned by a DELETE): let it go.
        return change.Type != "DELETED" && HasFinalizer(change.Object) ? [WorkItem.Of(change.Resource, change.Object)] : [];
    }

    /// <inheritdoc />
    public IEnumerable<WorkItem> Resync() =>
        WorkItem.AllOf(store, WorkloadResources.Jobs)
            .Concat(store.List(WorkloadResources.Pods, null).Items
                .Where(p => HasFinalizer(p) && p.ControllerRef()?.Str("kind") != "Job")
                .Select(p => WorkItem.Of(WorkloadResources.Pods, p)));

    /// <inheritdoc />
    public TimeSpan? Reconcile(WorkItem item, WorkQueue queue)
    {
        var ns = item.Namespace!;
        if (item.Resource == WorkloadResources.Pods)
        {
            if (store.Get(WorkloadResources.Pods, ns, item.Name) is { } orphan && orphan.ControllerRef()?.Str("kind") != "Job")
            {
                ReleasePod(orphan);
            }

            return null;
        }

        var job = store.Get(WorkloadResources.Jobs, ns, item.Name);
        // The pods of a Job that is gone (or whose name a new one took) go, uncounted.
        var pods = store.Controlled(WorkloadResources.Pods, ns, "Job", item.Name, job, orphan =>
        {
            ReleasePod(orphan);
            store.Delete(WorkloadResources.Pods, ns, orphan.Name());
        });

        if (job is null)
        {
            _backoff.Remove((ns, item.Name));
            return null;
        }

        if (job.At("metadata", "deletionTimestamp") is not null || IsFinished(job))
        {
            // Nothing more to count: a finished Job's leftovers and a deleted Job's pods are released as they are.
            pods.ForEach(ReleasePod);
            return null;
        }

        return Sync(job, pods);
    }

    private static bool HasFinalizer(JsonObject pod) =>
        pod.Arr("metadata", "finalizers")?.Any(f => f?.GetValue<string>() == TrackingFinalizer) == true;

    /// <summary>Removes the tracking finalizer, so a pod being deleted can go.</summary>
    private void ReleasePod(JsonObject pod)
    {
        if (!HasFinalizer(pod))
        {
            return;
        }

        var finalizers = pod.Arr("metadata", "finalizers")!.Where(f => f?.GetValue<string>() != TrackingFinalizer).Select(f => f?.DeepClone()).ToArray();
        var updated = pod.DeepClone().AsObject();
        var metadata = updated.Ensure("metadata");
        if (finalizers.Length == 0)
        {
            metadata.Remove("finalizers");
        }
        else
        {
            metadata["finalizers"] = new JsonArray(finalizers);
        }

        try
        {
            store.Update(WorkloadResources.Pods, pod.Namespace(), updated);
        }
        catch (Api.ApiException e) when (e.Code == 404)
        {
            // Already gone.
        }
    }
}
