using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Schema;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Apps;

/// <summary>The apps/v1 group (pkg/registry/apps): Deployments and ReplicaSets.</summary>
internal static class AppsStrategies
{
    private static readonly string[] ScaleAndStatus = ["status", "scale"];

    /// <summary>The registry entry of <c>deployments</c>.</summary>
    public static ResourceStrategy Deployments { get; } = new(Definition("deployments", "deployment", "Deployment", ["deploy"]))
    {
        TracksGeneration = true,
        Defaults = ObjectDefaults.ApplyDeployment,
        Validate = WorkloadValidation.Check,
        ValidateUpdate = SelectorRules.Immutable,
        Columns =
        [
            NameColumn,
            Col("Ready", "string", (o, _) => $"{L(o, "status.readyReplicas")}/{Replicas(o)}", description: "Number of the pod with ready state"),
            Col("Up-to-date", "string", (o, _) => L(o, "status.updatedReplicas"), description: "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
            Col("Available", "string", (o, _) => L(o, "status.availableReplicas"), description: "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
            AgeColumn,
            .. TemplateColumns("Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment."),
        ],
    };

    /// <summary>The registry entry of <c>replicasets</c>.</summary>
    public static ResourceStrategy ReplicaSets { get; } = new(Definition("replicasets", "replicaset", "ReplicaSet", ["rs"]))
    {
        TracksGeneration = true,
        Defaults = ObjectDefaults.ApplyReplicaSet,
        Validate = WorkloadValidation.Check,
        ValidateUpdate = SelectorRules.Immutable,
        Columns =
        [
            NameColumn,
            Col("Desired", "integer", (o, _) => Replicas(o), description: "Replicas is the number of desired replicas."),
            Col("Current", "integer", (o, _) => L(o, "status.replicas"), description: "Replicas is the most recently observed number of replicas."),
            Col("Ready", "integer", (o, _) => L(o, "status.readyReplicas"), description: "The number of ready replicas for this replica set."),
            AgeColumn,
            .. TemplateColumns("Selector is a label query over pods that should match the replica count."),
        ],
        Fields = SelectableFields.WithMetadata(FieldLabel.Number("status.replicas")),
    };

    /// <summary>The discovery data of an apps/v1 workload: in the <c>all</c> category.</summary>
    internal static ResourceDefinition Definition(string plural, string singular, string kind, string[] shortNames, string[]? subresources = null) =>
        new("apps", "v1", plural, singular, kind, true, shortNames, ["all"], ResourceDefinition.AllVerbs, subresources ?? ScaleAndStatus);

    /// <summary>The wide columns of kinds with a pod template: its containers, images and the selector.</summary>
    internal static TableColumn[] TemplateColumns(string selectorDescription) =>
    [
        Col("Containers", "string", (o, _) => Containers(o, "name"), 1, "Names of each container in the template."),
        Col("Images", "string", (o, _) => Containers(o, "image"), 1, "Images referenced by each container in the template."),
        Col("Selector", "string", (o, _) => SelectorText(At(o, "spec.selector")), 1, selectorDescription),
    ];

    internal static long Replicas(JsonObject o) => At(o, "spec.replicas") is null ? 1 : L(o, "spec.replicas");

    /// <summary>The names or images of the containers of the pod template at <paramref name="template"/>, comma-joined.</summary>
    internal static string Containers(JsonObject o, string field, string template = "spec.template") =>
        Join(Objects(At(o, template + ".spec.containers")).Select(c => S(c, field)));
}
