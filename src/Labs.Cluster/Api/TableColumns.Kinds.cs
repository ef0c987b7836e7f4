using System.Text.Json.Nodes;

namespace Labs.Cluster.Api;

/// <summary>Column sets of the kinds with richer printers.</summary>
internal static partial class TableColumns
{
    private static readonly TableColumn[] Pods =
    [
        NameColumn,
        Col("Ready", "string", (o, _) => $"{Objects(At(o, "status.containerStatuses")).Count(c => c["ready"]?.ToJsonString() == "true")}/{Count(At(o, "spec.containers"))}",
            description: "The aggregate readiness state of this pod for accepting traffic."),
        Col("Status", "string", (o, _) => PodStatus(o), description: "The aggregate status of the containers in this pod."),
        Col("Restarts", "string", (o, _) => Objects(At(o, "status.containerStatuses")).Sum(c => L(c, "restartCount")).ToString(System.Globalization.CultureInfo.InvariantCulture),
            description: "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        AgeColumn,
        Col("IP", "string", (o, _) => S(o, "status.podIP", None), 1, "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated."),
        Col("Node", "string", (o, _) => S(o, "spec.nodeName", None), 1, "Name of the Node this pod is scheduled on."),
        Col("Nominated Node", "string", (o, _) => S(o, "status.nominatedNodeName", None), 1, "Name of the node this pod is nominated to run on."),
        Col("Readiness Gates", "string", (o, _) => Count(At(o, "spec.readinessGates")) == 0 ? None : "0/" + Count(At(o, "spec.readinessGates")), 1, "Readiness gates of the pod."),
    ];

    private static readonly TableColumn[] Deployments =
    [
        NameColumn,
        Col("Ready", "string", (o, _) => $"{L(o, "status.readyReplicas")}/{Replicas(o)}", description: "Number of the pod with ready state"),
        Col("Up-to-date", "string", (o, _) => L(o, "status.updatedReplicas"), description: "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
        Col("Available", "string", (o, _) => L(o, "status.availableReplicas"), description: "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
        AgeColumn,
        Col("Containers", "string", (o, _) => Containers(o, "name"), 1, "Names of each container in the template."),
        Col("Images", "string", (o, _) => Containers(o, "image"), 1, "Images referenced by each container in the template."),
        Col("Selector", "string", (o, _) => SelectorText(At(o, "spec.selector")), 1, "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment."),
    ];

    private static readonly TableColumn[] ReplicaSets =
    [
        NameColumn,
        Col("Desired", "integer", (o, _) => Replicas(o), description: "Replicas is the number of desired replicas."),
        Col("Current", "integer", (o, _) => L(o, "status.replicas"), description: "Replicas is the most recently observed number of replicas."),
        Col("Ready", "integer", (o, _) => L(o, "status.readyReplicas"), description: "The number of ready replicas for this replica set."),
        AgeColumn,
        Col("Containers", "string", (o, _) => Containers(o, "name"), 1, "Names of each container in the template."),
        Col("Images", "string", (o, _) => Containers(o, "image"), 1, "Images referenced by each container in the template."),
        Col("Selector", "string", (o, _) => SelectorText(At(o, "spec.selector")), 1, "Selector is a label query over pods that should match the replica count."),
    ];

    private static readonly TableColumn[] Services =
    [
        NameColumn,
        Col("Type", "string", (o, _) => S(o, "spec.type", "ClusterIP"), description: "Type determines how the Service is exposed."),
        Col("Cluster-IP", "string", (o, _) => S(o, "spec.clusterIP", None), description: "ClusterIP is the IP address of the service."),
        Col("External-IP", "string", (o, _) => ExternalIp(o), description: "External IPs of the service."),
        Col("Port(s)", "string", (o, _) => Join(Objects(At(o, "spec.ports")).Select(ServicePort)), description: "The list of ports that are exposed by this service."),
        AgeColumn,
        Col("Selector", "string", (o, _) => At(o, "spec.selector") is JsonObject s && s.Count > 0 ? string.Join(',', s.Select(l => $"{l.Key}={l.Value}")) : None, 1,
            "Route service traffic to pods with label keys and values matching this selector."),
    ];

    private static readonly TableColumn[] Nodes =
    [
        NameColumn,
        Col("Status", "string", (o, _) => NodeStatus(o), description: "The status of the node"),
        Col("Roles", "string", (o, _) => Join((At(o, "metadata.labels") as JsonObject ?? []).Select(l => l.Key)
            .Where(k => k.StartsWith("node-role.kubernetes.io/", StringComparison.Ordinal)).Select(k => k["node-role.kubernetes.io/".Length..])),
            description: "The roles of the node"),
        AgeColumn,
        Col("Version", "string", (o, _) => S(o, "status.nodeInfo.kubeletVersion"), description: "Kubelet Version reported by the node."),
        Col("Internal-IP", "string", (o, _) => Address(o, "InternalIP"), 1, "List of internal IPs for the node."),
        Col("External-IP", "string", (o, _) => Address(o, "ExternalIP"), 1, "List of external IPs for the node."),
        Col("OS-Image", "string", (o, _) => S(o, "status.nodeInfo.osImage", "<unknown>"), 1, "OS image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."),
        Col("Kernel-Version", "string", (o, _) => S(o, "status.nodeInfo.kernelVersion", "<unknown>"), 1, "Kernel version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
        Col("Container-Runtime", "string", (o, _) => S(o, "status.nodeInfo.containerRuntimeVersion", "<unknown>"), 1, "Container runtime version reported by the node through runtime remote API (e.g. containerd://1.4.2)."),
    ];

    private static readonly TableColumn[] Bindings =
    [
        NameColumn,
        Col("Role", "string", (o, _) => $"{S(o, "roleRef.kind")}/{S(o, "roleRef.name")}", description: "RoleRef references a Role or ClusterRole."),
        AgeColumn,
        Col("Users", "string", (o, _) => Subjects(o, "User", s => S(s, "name")), 1, "Users in the binding"),
        Col("Groups", "string", (o, _) => Subjects(o, "Group", s => S(s, "name")), 1, "Groups in the binding"),
        Col("ServiceAccounts", "string", (o, _) => Subjects(o, "ServiceAccount", s => $"{S(s, "namespace")}:{S(s, "name")}"), 1, "ServiceAccounts in the binding"),
    ];

    private static readonly TableColumn[] Events =
    [
        Col("Last Seen", "string", (o, now) => AgeOf(FirstNonEmpty(S(o, "lastTimestamp"), S(o, "eventTime"), S(o, "metadata.creationTimestamp")), now),
            description: "Time when last event occurred"),
        Col("Type", "string", (o, _) => S(o, "type"), description: "Type of this event (Normal, Warning), new types could be added in the future."),
        Col("Reason", "string", (o, _) => S(o, "reason"), description: "Reason is why the action was taken."),
        Col("Object", "string", (o, _) => $"{S(o, "involvedObject.kind").ToLowerInvariant()}/{S(o, "involvedObject.name")}", description: "The object that this event is about."),
        Col("Message", "string", (o, _) => S(o, "message"), description: "A human-readable description of the status of this operation."),
    ];

    private static long Replicas(JsonObject o) => At(o, "spec.replicas") is null ? 1 : L(o, "spec.replicas");

    private static string Containers(JsonObject o, string field) =>
        Join(Objects(At(o, "spec.template.spec.containers")).Select(c => S(c, field)));

    private static string PodStatus(JsonObject o)
    {
        if (At(o, "metadata.deletionTimestamp") is not null)
        {
            return "Terminating";
        }

        var reason = S(o, "status.reason", S(o, "status.phase", "Pending"));
        foreach (var status in Objects(At(o, "status.containerStatuses")))
        {
            if (S(status, "state.waiting.reason") is { Length: > 0 } waiting)
            {
                reason = waiting;
            }
            else if (S(status, "state.terminated.reason") is { Length: > 0 } terminated)
            {
                reason = terminated;
            }
        }

        return reason;
    }

    private static string NodeStatus(JsonObject o)
    {
        var ready = Objects(At(o, "status.conditions")).FirstOrDefault(c => S(c, "type") == "Ready");
        var status = ready is null ? "Unknown" : S(ready, "status") == "True" ? "Ready" : "NotReady";
        return At(o, "spec.unschedulable")?.ToJsonString() == "true" ? status + ",SchedulingDisabled" : status;
    }

    private static string Address(JsonObject o, string type) =>
        Join(Objects(At(o, "status.addresses")).Where(a => S(a, "type") == type).Select(a => S(a, "address")));

    private static string ExternalIp(JsonObject o)
    {
        var ips = (At(o, "spec.externalIPs") as JsonArray)?.Select(v => v?.ToString() ?? "").ToList() ?? [];
        ips.AddRange(Objects(At(o, "status.loadBalancer.ingress")).Select(i => S(i, "ip", S(i, "hostname"))));
        if (ips.Count == 0 && S(o, "spec.type") == "LoadBalancer")
        {
            return "<pending>";
        }

        return Join(ips);
    }

    private static string ServicePort(JsonObject p)
    {
        var protocol = S(p, "protocol", "TCP");
        var nodePort = L(p, "nodePort");
        return nodePort > 0 ? $"{L(p, "port")}:{nodePort}/{protocol}" : $"{L(p, "port")}/{protocol}";
    }

    private static string Subjects(JsonObject o, string kind, Func<JsonObject, string> describe) =>
        Objects(o["subjects"]).Where(s => S(s, "kind") == kind).Select(describe) is var list && list.Any() ? string.Join(", ", list) : "";

    private static string FirstNonEmpty(params string[] values) => values.FirstOrDefault(v => v.Length > 0) ?? "";
}
