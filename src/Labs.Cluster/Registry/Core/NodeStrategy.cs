using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Core;

/// <summary>Nodes (pkg/registry/core/node): cluster-scoped, the printer's columns, <c>spec.unschedulable</c> selectable.</summary>
internal static class NodeStrategy
{
    /// <summary>The registry entry of <c>nodes</c>.</summary>
    public static ResourceStrategy Entry { get; } = new(new ResourceDefinition(
        string.Empty, "v1", "nodes", "node", "Node", false, ["no"], [], ResourceDefinition.AllVerbs, ["status"]))
    {
        KeepsStatusOnCreate = true,
        Columns = Columns(),
        Fields = SelectableFields.Only("metadata.name", FieldLabel.Bool("spec.unschedulable")),
    };

    private static TableColumn[] Columns() =>
    [
        NameColumn,
        Col("Status", "string", (o, _) => Status(o), description: "The status of the node"),
        Col("Roles", "string", (o, _) => Join(Roles(o)), description: "The roles of the node"),
        AgeColumn,
        Col("Version", "string", (o, _) => S(o, "status.nodeInfo.kubeletVersion"), description: "Kubelet Version reported by the node."),
        Col("Internal-IP", "string", (o, _) => Address(o, "InternalIP"), 1, "List of internal IPs for the node."),
        Col("External-IP", "string", (o, _) => Address(o, "ExternalIP"), 1, "List of external IPs for the node."),
        Col("OS-Image", "string", (o, _) => S(o, "status.nodeInfo.osImage", "<unknown>"), 1, "OS image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."),
        Col("Kernel-Version", "string", (o, _) => S(o, "status.nodeInfo.kernelVersion", "<unknown>"), 1, "Kernel version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
        Col("Container-Runtime", "string", (o, _) => S(o, "status.nodeInfo.containerRuntimeVersion", "<unknown>"), 1, "Container runtime version reported by the node through runtime remote API (e.g. containerd://1.4.2)."),
    ];

    // findNodeRoles: node-role.kubernetes.io/<role> keys and the value of kubernetes.io/role, sorted and unique.
    private static SortedSet<string> Roles(JsonObject o)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in At(o, "metadata.labels") as JsonObject ?? [])
        {
            if (key.StartsWith("node-role.kubernetes.io/", StringComparison.Ordinal) && key.Length > "node-role.kubernetes.io/".Length)
            {
                roles.Add(key["node-role.kubernetes.io/".Length..]);
            }
            else if (key == "kubernetes.io/role" && value?.ToString() is { Length: > 0 } role)
            {
                roles.Add(role);
            }
        }

        return roles;
    }

    private static string Status(JsonObject o)
    {
        var ready = Objects(At(o, "status.conditions")).FirstOrDefault(c => S(c, "type") == "Ready");
        var status = ready is null ? "Unknown" : S(ready, "status") == "True" ? "Ready" : "NotReady";
        return At(o, "spec.unschedulable")?.ToJsonString() == "true" ? status + ",SchedulingDisabled" : status;
    }

    private static string Address(JsonObject o, string type) =>
        Join(Objects(At(o, "status.addresses")).Where(a => S(a, "type") == type).Select(a => S(a, "address")));
}
