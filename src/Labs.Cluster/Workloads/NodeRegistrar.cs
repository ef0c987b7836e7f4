using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads;

/// <summary>Creates the simulated Node objects <c>labs-node-1..N</c> and knows their addresses.</summary>
internal sealed class NodeRegistrar(IObjectStore store, int nodeCount)
{
    public const string KubeletVersion = "v1.32.4";

    public int Count => nodeCount;

    public static string NodeName(int index) => $"labs-node-{index}";

    /// <summary>The 1-based index of one of our nodes, or 0 for a node we do not simulate.</summary>
    public int IndexOf(string? nodeName)
    {
        for (var i = 1; i <= nodeCount; i++)
        {
            if (nodeName == NodeName(i))
            {
                return i;
            }
        }

        return 0;
    }

    public static string InternalIp(int index) => $"10.0.0.{index + 1}";

    public void Register()
    {
        var now = JsonPaths.Timestamp(DateTimeOffset.UtcNow);
        for (var i = 1; i <= nodeCount; i++)
        {
            var name = NodeName(i);
            var node = store.Get(WorkloadResources.Nodes, null, name) ?? store.Create(WorkloadResources.Nodes, null, NewNode(i));
            node["status"] = Status(i, now);
            store.UpdateStatus(WorkloadResources.Nodes, null, node);
        }
    }

    private static JsonObject NewNode(int index)
    {
        var name = NodeName(index);
        var labels = new JsonObject
        {
            ["beta.kubernetes.io/arch"] = "amd64",
            ["beta.kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = "amd64",
            ["kubernetes.io/hostname"] = name,
            ["kubernetes.io/os"] = "linux",
        };
        if (index == 1)
        {
            labels["node-role.kubernetes.io/control-plane"] = "";
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = labels,
                ["annotations"] = new JsonObject
                {
                    ["node.alpha.kubernetes.io/ttl"] = "0",
                    ["volumes.kubernetes.io/controller-managed-attach-detach"] = "true",
                },
            },
            ["spec"] = new JsonObject
            {
                ["podCIDR"] = $"10.244.{index - 1}.0/24",
                ["podCIDRs"] = new JsonArray($"10.244.{index - 1}.0/24"),
                ["providerID"] = $"labs-sim://{name}",
            },
        };
    }

    /// <summary>What every simulated node has to give: its capacity, all of it allocatable.</summary>
    public static JsonObject Resources() => new()
    {
        ["cpu"] = "2",
        ["ephemeral-storage"] = "61202244Ki",
        ["hugepages-2Mi"] = "0",
        ["memory"] = "4015184Ki",
        ["pods"] = "110",
    };

    private static JsonObject Status(int index, string now)
    {

        JsonObject Condition(string type, string status, string reason, string message) => new()
        {
            ["type"] = type,
            ["status"] = status,
            ["lastHeartbeatTime"] = now,
            ["lastTransitionTime"] = now,
            ["reason"] = reason,
            ["message"] = message,
        };

        return new JsonObject
        {
            ["addresses"] = new JsonArray(
                new JsonObject { ["type"] = "InternalIP", ["address"] = InternalIp(index) },
                new JsonObject { ["type"] = "Hostname", ["address"] = NodeName(index) }),
            ["allocatable"] = Resources(),
            ["capacity"] = Resources(),
            ["conditions"] = new JsonArray(
                Condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                Condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                Condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                Condition("Ready", "True", "KubeletReady", "kubelet is posting ready status")),
            ["daemonEndpoints"] = new JsonObject { ["kubeletEndpoint"] = new JsonObject { ["Port"] = 10250 } },
            ["nodeInfo"] = new JsonObject
            {
                ["architecture"] = "amd64",
                ["bootID"] = DeterministicId($"boot-{index}"),
                ["containerRuntimeVersion"] = "labs-sim://1.0",
                ["kernelVersion"] = Environment.OSVersion.Version.ToString(),
                ["kubeProxyVersion"] = KubeletVersion,
                ["kubeletVersion"] = KubeletVersion,
                ["machineID"] = DeterministicId($"machine-{index}").Replace("-", "", StringComparison.Ordinal),
                ["operatingSystem"] = "linux",
                ["osImage"] = "Debian GNU/Linux 13 (trixie)",
                ["systemUUID"] = DeterministicId($"system-{index}"),
            },
        };
    }

    private static string DeterministicId(string seed)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }
}
