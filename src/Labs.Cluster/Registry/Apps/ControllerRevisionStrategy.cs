using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Apps;

/// <summary>ControllerRevisions: the history StatefulSets and DaemonSets keep of their templates.</summary>
internal static class ControllerRevisionStrategy
{
    /// <summary>The registry entry of <c>controllerrevisions</c>.</summary>
    public static ResourceStrategy Entry { get; } = new(new ResourceDefinition(
        "apps", "v1", "controllerrevisions", "controllerrevision", "ControllerRevision", true, [], [], ResourceDefinition.AllVerbs, []))
    {
        Columns =
        [
            NameColumn,
            Col("Controller", "string", (o, _) => Controller(o), description: "Controller of the object"),
            Col("Revision", "string", (o, _) => L(o, "revision"), description: "Revision indicates the revision of the state represented by Data."),
            AgeColumn,
        ],
    };

    // formatResourceName of the controller reference: kind.group/name, lowercased kind and group.
    private static string Controller(JsonObject o)
    {
        var owner = Objects(At(o, "metadata.ownerReferences")).FirstOrDefault(r => r["controller"]?.ToJsonString() == "true");
        if (owner is null)
        {
            return None;
        }

        var apiVersion = S(owner, "apiVersion");
        var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : string.Empty;
        var kind = S(owner, "kind");
        var groupKind = group.Length == 0 ? kind : $"{kind}.{group}";
        return groupKind.Length == 0 ? S(owner, "name") : $"{groupKind.ToLowerInvariant()}/{S(owner, "name")}";
    }
}
