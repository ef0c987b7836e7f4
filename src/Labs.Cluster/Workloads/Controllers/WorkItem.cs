using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>
/// One thing to reconcile: an object by key. <paramref name="DeletedUid"/> is set when the object is known to be
/// gone, so that per-object resources (pod directories, processes) can be released.
/// </summary>
internal sealed record WorkItem(GroupResource Resource, string? Namespace, string Name, string? DeletedUid = null)
{
    /// <summary>The key of an object of <paramref name="resource"/>.</summary>
    public static WorkItem Of(GroupResource resource, JsonObject obj) => new(resource, obj.Namespace(), obj.Name());

    /// <summary>The keys of every object of <paramref name="resource"/> the store holds, for a controller's resync.</summary>
    public static IEnumerable<WorkItem> AllOf(IObjectStore store, GroupResource resource) =>
        store.List(resource, null).Items.Select(o => Of(resource, o));
}
