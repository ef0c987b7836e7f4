using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>
/// One controller of the embedded cluster, as a kube-controller-manager controller: the keys a change to the store
/// concerns (what it watches), the keys it owns at start-up, and a level-triggered reconcile per key. The
/// <see cref="ControllerManager"/> gives each controller its own queue and loop, so a slow one never holds up another.
/// </summary>
internal interface IController
{
    /// <summary>The controller's name, as the real one's in logs and events: <c>deployment-controller</c>.</summary>
    string Name { get; }

    /// <summary>
    /// The keys a change concerns. Runs under the store's lock, on the writer's thread: it may look only at the change,
    /// never read or write the store.
    /// </summary>
    IEnumerable<WorkItem> KeysFor(StoreEvent change);

    /// <summary>What to reconcile when the controller starts (it may read the store and take up what the last run left).</summary>
    IEnumerable<WorkItem> Resync();

    /// <summary>
    /// Brings one key's objects one step nearer to what they should be; returns when to look again, if ever.
    /// <paramref name="queue"/> takes keys to look at later, from any thread (a process that exits, a timer).
    /// </summary>
    TimeSpan? Reconcile(WorkItem item, WorkQueue queue);
}
