using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>The key of an object's controlling owner, for controllers that watch what they own.</summary>
internal static class OwnerKeys
{
    /// <summary>The key of <paramref name="obj"/>'s controller when it is a <paramref name="kind"/>, else null.</summary>
    public static WorkItem? OwnerKey(this JsonObject obj, string kind, GroupResource ownerResource) =>
        obj.ControllerRef() is { } owner && owner.Str("kind") == kind && owner.Str("name") is { } name
            ? new WorkItem(ownerResource, obj.Namespace(), name)
            : null;
}
