using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Scheduling;

/// <summary>PriorityClasses (scheduling.k8s.io/v1): the value is fixed once created.</summary>
internal static class PriorityClassStrategy
{
    /// <summary>The registry entry of <c>priorityclasses</c>.</summary>
    public static ResourceStrategy Entry { get; } = new(new ResourceDefinition(
        "scheduling.k8s.io", "v1", "priorityclasses", "priorityclass", "PriorityClass", false, ["pc"], [], ResourceDefinition.AllVerbs, []))
    {
        Defaults = obj => obj["preemptionPolicy"] ??= "PreemptLowerPriority",
        ValidateUpdate = (obj, old, errors) =>
        {
            if (!JsonNode.DeepEquals(obj["value"], old["value"]))
            {
                errors.Forbidden("value", "may not be changed in an update.");
            }
        },
        Columns =
        [
            NameColumn,
            Col("Value", "integer", (o, _) => L(o, "value"), description: "value represents the integer value of this priority class."),
            Col("Global-Default", "boolean", (o, _) => At(o, "globalDefault")?.ToJsonString() == "true",
                description: "globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class."),
            AgeColumn,
            Col("PreemptionPolicy", "string", (o, _) => S(o, "preemptionPolicy"), description: "preemptionPolicy is the Policy for preempting pods with lower priority."),
        ],
    };
}
