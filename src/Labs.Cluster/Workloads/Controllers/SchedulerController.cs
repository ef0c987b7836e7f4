using Labs.Cluster.Storage;
using Labs.Cluster.Workloads.Scheduling;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>The default-scheduler's loop: every pod not yet bound to a node, until the scheduler binds it.</summary>
internal sealed class SchedulerController(IObjectStore store, Scheduler scheduler) : IController
{
    /// <inheritdoc />
    public string Name => "default-scheduler";

    /// <inheritdoc />
    public IEnumerable<WorkItem> KeysFor(StoreEvent change)
    {
        if (change.Resource == WorkloadResources.Pods && change.Type != "DELETED" && string.IsNullOrEmpty(change.Object.Str("spec", "nodeName")))
        {
            yield return new WorkItem(change.Resource, change.Object.Namespace(), change.Object.Name());
        }
    }

    /// <inheritdoc />
    public IEnumerable<WorkItem> Resync() =>
        store.List(WorkloadResources.Pods, null).Items
            .Where(p => string.IsNullOrEmpty(p.Str("spec", "nodeName")))
            .Select(p => new WorkItem(WorkloadResources.Pods, p.Namespace(), p.Name()));

    /// <inheritdoc />
    public TimeSpan? Reconcile(WorkItem item, WorkQueue queue)
    {
        var pod = store.Get(WorkloadResources.Pods, item.Namespace, item.Name);
        if (pod is null || pod.At("metadata", "deletionTimestamp") is not null)
        {
            return null;
        }

        return scheduler.EnsureScheduled(pod, out var retry) ? null : retry;
    }
}
