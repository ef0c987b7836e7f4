using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Schema;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Core;

/// <summary>Pods (pkg/registry/core/pod): a new pod starts Pending; the printer's columns; the pod field selectors.</summary>
internal static class PodStrategy
{
    /// <summary>The registry entry of <c>pods</c>.</summary>
    public static ResourceStrategy Entry { get; } = new(new ResourceDefinition(
        string.Empty, "v1", "pods", "pod", "Pod", true, ["po"], ["all"], ResourceDefinition.AllVerbs, ["attach", "ephemeralcontainers", "status", "exec", "log", "eviction", "portforward", "proxy"]))
    {
        ReturnsDeletedObject = true,
        GracePeriod = GracePeriod,
        PrepareForCreate = obj => obj["status"] = new JsonObject { ["phase"] = "Pending" },
        Defaults = ObjectDefaults.ApplyPod,
        Validate = (obj, errors) => PodSpecValidation.Check(obj["spec"] as JsonObject, "spec", errors.Causes),
        Columns = Columns(),
        Fields = SelectableFields.WithMetadata(
            "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", FieldLabel.Bool("spec.hostNetwork"),
            "status.phase", "status.podIP", new FieldLabel("status.podIPs", "status.podIP", string.Empty), "status.nominatedNodeName",
            new FieldLabel("spec.host", "spec.nodeName", string.Empty)),
    };

    /// <summary>
    /// CheckGracefulDelete: the period the request asked, else the pod's terminationGracePeriodSeconds; 0 for a pod no
    /// kubelet runs yet (unscheduled) or that has finished; a negative period is 1.
    /// </summary>
    private static long GracePeriod(JsonObject pod, long? requested)
    {
        var period = requested ?? Access.JsonFields.Int64(pod["spec"]?["terminationGracePeriodSeconds"]) ?? 0;
        var phase = S(pod, "status.phase");
        if (S(pod, "spec.nodeName").Length == 0 || phase is "Failed" or "Succeeded")
        {
            period = 0;
        }

        return period < 0 ? 1 : period;
    }

    private static TableColumn[] Columns() =>
    [
        NameColumn,
        Col("Ready", "string", (o, now) => PodPrinter.Cells(o, now).Ready, description: "The aggregate readiness state of this pod for accepting traffic."),
        Col("Status", "string", (o, now) => PodPrinter.Cells(o, now).Status, description: "The aggregate status of the containers in this pod."),
        Col("Restarts", "string", (o, now) => PodPrinter.Cells(o, now).Restarts,
            description: "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        AgeColumn,
        Col("IP", "string", (o, _) => S(o, "status.podIP", None), 1, "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated."),
        Col("Node", "string", (o, _) => S(o, "spec.nodeName", None), 1, "Name of the Node this pod is scheduled on."),
        Col("Nominated Node", "string", (o, _) => S(o, "status.nominatedNodeName", None), 1, "Name of the node this pod is nominated to run on."),
        Col("Readiness Gates", "string", (o, _) => ReadinessGates(o), 1, "Readiness gates of the pod."),
    ];

    // How many of the pod's readiness gates have their condition True, of how many.
    private static string ReadinessGates(JsonObject pod)
    {
        var gates = Objects(At(pod, "spec.readinessGates")).Select(g => S(g, "conditionType")).ToList();
        if (gates.Count == 0)
        {
            return None;
        }

        var conditions = Objects(At(pod, "status.conditions")).ToList();
        var met = gates.Count(g => conditions.FirstOrDefault(c => S(c, "type") == g) is { } c && S(c, "status") == "True");
        return $"{met}/{gates.Count}";
    }
}
