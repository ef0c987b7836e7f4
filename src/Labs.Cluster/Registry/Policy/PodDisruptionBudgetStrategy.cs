using Labs.Cluster.Api;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Policy;

/// <summary>PodDisruptionBudgets (policy/v1), which eviction honours.</summary>
internal static class PodDisruptionBudgetStrategy
{
    /// <summary>The registry entry of <c>poddisruptionbudgets</c>.</summary>
    public static ResourceStrategy Entry { get; } = new(new ResourceDefinition(
        "policy", "v1", "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", true, ["pdb"], [], ResourceDefinition.AllVerbs, ["status"]))
    {
        TracksGeneration = true,
        Columns =
        [
            NameColumn,
            Col("Min Available", "string", (o, _) => S(o, "spec.minAvailable", "N/A"), description: "The minimum number of pods that must be available."),
            Col("Max Unavailable", "string", (o, _) => S(o, "spec.maxUnavailable", "N/A"), description: "The maximum number of pods that may be unavailable."),
            Col("Allowed Disruptions", "integer", (o, _) => L(o, "status.disruptionsAllowed"), description: "Calculated number of pods that may be disrupted at this time."),
            AgeColumn,
        ],
    };
}
