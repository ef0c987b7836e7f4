using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>
/// A controller of one kind that owns objects of another, as most of kube-controller-manager's are (Deployment →
/// ReplicaSets, ReplicaSet → pods, Job → pods): it reconciles an object when it changes and when one of the objects
/// it controls (by controller ownerReference) does.
/// </summary>
/// <param name="owners">What the controller reconciles, e.g. deployments.</param>
/// <param name="ownerKind">Their kind, as ownerReferences name it.</param>
/// <param name="owned">What they own, e.g. replicasets.</param>
internal abstract class OwnerController(GroupResource owners, string ownerKind, GroupResource owned) : IController
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>The store the controller reads, for the resync.</summary>
    protected abstract IObjectStore Store { get; }

    /// <inheritdoc />
    public IEnumerable<WorkItem> KeysFor(StoreEvent change) =>
        change.Resource == owners ? [WorkItem.Of(change.Resource, change.Object)]
        : change.Resource == owned && change.Object.OwnerKey(ownerKind, owners) is { } owner ? [owner]
        : [];

    /// <inheritdoc />
    public IEnumerable<WorkItem> Resync() => WorkItem.AllOf(Store, owners);

    /// <inheritdoc />
    public TimeSpan? Reconcile(WorkItem item, WorkQueue queue) => Reconcile(item.Namespace!, item.Name);

    /// <summary>Reconciles one object by name; returns when to look again, if ever.</summary>
    public abstract TimeSpan? Reconcile(string ns, string name);
}
