using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>Ownership for controllers: the key of an object's controlling owner, and the objects an owner controls.</summary>
internal static class OwnerKeys
{
    /// <summary>The key of <paramref name="obj"/>'s controller when it is a <paramref name="kind"/>, else null.</summary>
    public static WorkItem? OwnerKey(this JsonObject obj, string kind, GroupResource ownerResource) =>
        obj.ControllerRef() is { } owner && owner.Str("kind") == kind && owner.Str("name") is { } name
            ? new WorkItem(ownerResource, obj.Namespace(), name)
            : null;

    /// <summary>
    /// The objects of <paramref name="resource"/> in <paramref name="ns"/> whose controller is the
    /// <paramref name="kind"/> named <paramref name="name"/>: those of <paramref name="owner"/> (by uid) are returned,
    /// those of an owner that is gone or was replaced by a new object of the same name go to <paramref name="collect"/>
    /// (the garbage collector's part).
    /// </summary>
    public static List<JsonObject> Controlled(this IObjectStore store, GroupResource resource, string ns, string kind, string name,
        JsonObject? owner, Action<JsonObject> collect)
    {
        var owned = new List<JsonObject>();
        foreach (var obj in store.List(resource, ns).Items)
        {
            if (obj.ControllerRef() is not { } reference || reference.Str("kind") != kind || reference.Str("name") != name)
            {
                continue;
            }

            if (owner is null || reference.Str("uid") != owner.Uid())
            {
                collect(obj);
                continue;
            }

            owned.Add(obj);
        }

        return owned;
    }
}
