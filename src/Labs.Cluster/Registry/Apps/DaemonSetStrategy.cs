using Labs.Cluster.Api;
using Labs.Cluster.Schema;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Apps;

/// <summary>DaemonSets (pkg/registry/apps/daemonset): a status but no scale subresource.</summary>
internal static class DaemonSetStrategy
{
    /// <summary>The registry entry of <c>daemonsets</c>.</summary>
    public static ResourceStrategy Entry { get; } = new(AppsStrategies.Definition("daemonsets", "daemonset", "DaemonSet", ["ds"], ["status"]))
    {
        TracksGeneration = true,
        Defaults = ObjectDefaults.ApplyDaemonSet,
        Validate = WorkloadValidation.Check,
        ValidateUpdate = SelectorRules.Immutable,
        Columns =
        [
            NameColumn,
            Col("Desired", "integer", (o, _) => L(o, "status.desiredNumberScheduled"), description: "The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod)."),
            Col("Current", "integer", (o, _) => L(o, "status.currentNumberScheduled"), description: "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod."),
            Col("Ready", "integer", (o, _) => L(o, "status.numberReady"), description: "numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition."),
            Col("Up-to-date", "integer", (o, _) => L(o, "status.updatedNumberScheduled"), description: "The total number of nodes that are running updated daemon pod"),
            Col("Available", "integer", (o, _) => L(o, "status.numberAvailable"), description: "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)"),
            Col("Node Selector", "string", (o, _) => Labels(At(o, "spec.template.spec.nodeSelector")), description: "NodeSelector is a selector which must be true for the pod to fit on a node."),
            AgeColumn,
            .. AppsStrategies.TemplateColumns("A label query over pods that are managed by the daemon set."),
        ],
    };
}
