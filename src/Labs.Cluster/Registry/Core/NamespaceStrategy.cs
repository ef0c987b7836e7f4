using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Schema;
using Labs.Cluster.Storage;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Core;

/// <summary>
/// Namespaces (pkg/registry/core/namespace): the name label and the kubernetes finalizer on create, phase Active, and a
/// delete that terminates the namespace: it turns Terminating, everything in it is removed, then the namespace.
/// </summary>
internal static class NamespaceStrategy
{
    private static readonly GroupResource Namespaces = new(string.Empty, "namespaces");

    /// <summary>The registry entry of <c>namespaces</c>.</summary>
    public static ResourceStrategy Entry { get; } = new(new ResourceDefinition(
        string.Empty, "v1", "namespaces", "namespace", "Namespace", false, ["ns"], [],
        ["create", "delete", "get", "list", "patch", "update", "watch"], ["status", "finalize"]))
    {
        ReturnsDeletedObject = true,
        Names = NameRule.Label,
        PrepareForCreate = Prepare,
        Defaults = ObjectDefaults.ApplyNamespace,
        Columns = [NameColumn, Col("Status", "string", (o, _) => S(o, "status.phase")), AgeColumn],
        Fields = SelectableFields.Only("metadata.name", "status.phase"),
        Delete = Terminate,
    };

    private static void Prepare(JsonObject obj)
    {
        obj["spec"] ??= new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
        var labels = obj.Meta()["labels"] as JsonObject ?? [];
        obj.Meta()["labels"] = labels;
        labels["kubernetes.io/metadata.name"] = obj.MetaString("name");
        obj["status"] = new JsonObject { ["phase"] = "Active" };
    }

    /// <summary>Terminates a namespace (<see cref="RegistryStore.TerminateNamespace"/>); answers the Terminating object.</summary>
    private static JsonObject Terminate(RegistryStore store, string? ns, string name, string propagation)
    {
        if (name is "default" or "kube-system" or "kube-public")
        {
            throw new ApiException(403, "Forbidden", $"namespaces \"{name}\" is forbidden: this namespace may not be deleted",
                ApiErrors.Details(Namespaces, name));
        }

        return store.TerminateNamespace(name);
    }
}
