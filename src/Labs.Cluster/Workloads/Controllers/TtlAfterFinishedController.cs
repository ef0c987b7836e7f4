using System.Globalization;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>
/// The ttl-after-finished controller: a finished Job (Complete or Failed) with <c>spec.ttlSecondsAfterFinished</c> is
/// deleted that long after its terminal condition's transition; the Job controller then collects its pods. It records
/// no events, as the real one.
/// </summary>
internal sealed class TtlAfterFinishedController(IObjectStore store, TimeProvider time) : IController
{
    /// <inheritdoc />
    public string Name => "ttl-after-finished-controller";

    /// <inheritdoc />
    public IEnumerable<WorkItem> KeysFor(StoreEvent change) =>
        change.Resource == WorkloadResources.Jobs && change.Type != "DELETED" && change.Object.Long("spec", "ttlSecondsAfterFinished") is not null
            ? [WorkItem.Of(change.Resource, change.Object)]
            : [];

    /// <inheritdoc />
    public IEnumerable<WorkItem> Resync() => WorkItem.AllOf(store, WorkloadResources.Jobs);

    /// <inheritdoc />
    public TimeSpan? Reconcile(WorkItem item, WorkQueue queue)
    {
        var job = store.Get(WorkloadResources.Jobs, item.Namespace, item.Name);
        if (job?.Long("spec", "ttlSecondsAfterFinished") is not { } ttl || job.At("metadata", "deletionTimestamp") is not null
            || FinishedAt(job) is not { } finished)
        {
            return null;
        }

        var left = finished + TimeSpan.FromSeconds(ttl) - time.GetUtcNow();
        if (left > TimeSpan.Zero)
        {
            return left;
        }

        store.Delete(WorkloadResources.Jobs, item.Namespace, item.Name);
        return null;
    }

    private static DateTimeOffset? FinishedAt(System.Text.Json.Nodes.JsonObject job) =>
        JobController.TerminalCondition(job)?.Str("lastTransitionTime") is { } at
        && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t
            : null;
}
