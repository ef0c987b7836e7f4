using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads;

/// <summary>
/// One thing to reconcile: an object by key. <paramref name="DeletedUid"/> is set when the object is known to be
/// gone, so that per-object resources (pod directories, processes) can be released.
/// </summary>
internal sealed record WorkItem(GroupResource Resource, string? Namespace, string Name, string? DeletedUid = null);
