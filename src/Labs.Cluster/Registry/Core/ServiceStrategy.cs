using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Schema;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Core;

/// <summary>Services (pkg/registry/core/service): a cluster IP on create, DNS label names, the printer's columns.</summary>
internal static class ServiceStrategy
{
    /// <summary>The registry entry of <c>services</c>.</summary>
    public static ResourceStrategy Entry { get; } = new(new ResourceDefinition(
        string.Empty, "v1", "services", "service", "Service", true, ["svc"], ["all"], ResourceDefinition.AllVerbs, ["proxy", "status"]))
    {
        ReturnsDeletedObject = true,
        Names = NameRule.Dns1035Label,
        PrepareForCreate = AllocateClusterIp,
        CarryOver = KeepAllocations,
        Validate = ServiceValidation.Check,
        ValidateUpdate = ServiceValidation.CheckUpdate,
        Defaults = obj =>
        {
            ObjectDefaults.ApplyService(obj);
            AllocateNodePorts(obj);
        },
        Columns = Columns(),
        Fields = SelectableFields.WithMetadata("spec.clusterIP", "spec.type"),
    };

    private static void AllocateClusterIp(JsonObject obj)
    {
        var spec = obj["spec"] as JsonObject ?? [];
        obj["spec"] = spec;
        if ((string?)spec["type"] != "ExternalName" && spec["clusterIP"] is null)
        {
            // The service CIDR allocator of a real cluster; 10.96.0.0/12 is kubeadm's default range.
            var ip = $"10.96.{RandomNumberGenerator.GetInt32(1, 255)}.{RandomNumberGenerator.GetInt32(1, 255)}";
            spec["clusterIP"] = ip;
            spec["clusterIPs"] = new JsonArray(ip);
        }
        else if (spec["clusterIP"] is JsonValue given && spec["clusterIPs"] is null)
        {
            // A headless service ("None") or a chosen address: clusterIPs repeats it, as the API server normalizes.
            spec["clusterIPs"] = new JsonArray(given.DeepClone());
        }
    }

    // patchAllocatedValues: a replacement that leaves out the cluster IPs or a port's node port keeps the allocated ones,
    // as long as both the old and the new service need them.
    private static void KeepAllocations(JsonObject obj, JsonObject old)
    {
        if (obj["spec"] is not JsonObject spec || old["spec"] is not JsonObject was)
        {
            return;
        }

        if (S(spec, "type", "ClusterIP") != "ExternalName" && S(was, "type", "ClusterIP") != "ExternalName" && S(spec, "clusterIP").Length == 0)
        {
            spec["clusterIP"] = was["clusterIP"]?.DeepClone();
            spec["clusterIPs"] = was["clusterIPs"]?.DeepClone();
        }

        var oldPorts = Objects(was["ports"]).Where(p => L(p, "nodePort") > 0).ToList();
        foreach (var port in Objects(spec["ports"]).Where(p => L(p, "nodePort") <= 0))
        {
            var same = oldPorts.FirstOrDefault(p => L(p, "port") == L(port, "port") && S(p, "protocol", "TCP") == S(port, "protocol", "TCP"));
            if (same is not null && S(spec, "type") is "NodePort" or "LoadBalancer")
            {
                port["nodePort"] = same["nodePort"]!.DeepClone();
            }
        }
    }

    // The service node port allocator: every port of a NodePort service (and of a LoadBalancer one, unless it opts out)
    // gets a free port of kube-apiserver's default range 30000-32767.
    private static void AllocateNodePorts(JsonObject obj)
    {
        var spec = obj["spec"] as JsonObject;
        var type = (string?)spec?["type"];
        var wanted = type == "NodePort" || (type == "LoadBalancer" && (bool?)spec?["allocateLoadBalancerNodePorts"] != false);
        if (!wanted || spec?["ports"] is not JsonArray ports)
        {
            return;
        }

        var taken = Objects(ports).Select(p => L(p, "nodePort")).Where(p => p > 0).ToHashSet();
        foreach (var port in Objects(ports).Where(p => L(p, "nodePort") <= 0))
        {
            long chosen;
            do
            {
                chosen = RandomNumberGenerator.GetInt32(30000, 32768);
            }
            while (!taken.Add(chosen));
            port["nodePort"] = chosen;
        }
    }

    private static TableColumn[] Columns() =>
    [
        NameColumn,
        Col("Type", "string", (o, _) => S(o, "spec.type", "ClusterIP"), description: "Type determines how the Service is exposed."),
        Col("Cluster-IP", "string", (o, _) => S(o, "spec.clusterIP", None), description: "ClusterIP is the IP address of the service."),
        Col("External-IP", "string", (o, _) => ExternalIp(o), description: "External IPs of the service."),
        Col("Port(s)", "string", (o, _) => Join(Objects(At(o, "spec.ports")).Select(Port)), description: "The list of ports that are exposed by this service."),
        AgeColumn,
        Col("Selector", "string", (o, _) => At(o, "spec.selector") is JsonObject s && s.Count > 0 ? string.Join(',', s.Select(l => $"{l.Key}={l.Value}")) : None, 1,
            "Route service traffic to pods with label keys and values matching this selector."),
    ];

    private static string ExternalIp(JsonObject o)
    {
        if (S(o, "spec.type") == "ExternalName")
        {
            return S(o, "spec.externalName");
        }

        var ips = (At(o, "spec.externalIPs") as JsonArray)?.Select(v => v?.ToString() ?? "").ToList() ?? [];
        ips.AddRange(Objects(At(o, "status.loadBalancer.ingress")).Select(i => S(i, "ip", S(i, "hostname"))));
        if (ips.Count == 0 && S(o, "spec.type") == "LoadBalancer")
        {
            return "<pending>";
        }

        return Join(ips);
    }

    private static string Port(JsonObject p)
    {
        var protocol = S(p, "protocol", "TCP");
        var nodePort = L(p, "nodePort");
        return nodePort > 0 ? $"{L(p, "port")}:{nodePort}/{protocol}" : $"{L(p, "port")}/{protocol}";
    }
}
