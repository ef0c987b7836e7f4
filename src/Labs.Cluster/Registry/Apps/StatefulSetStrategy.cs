using System.Text.Json.Nodes;
using Labs.Cluster.Admission;
using Labs.Cluster.Api;
using Labs.Cluster.Schema;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Apps;

/// <summary>StatefulSets (pkg/registry/apps/statefulset): only some spec fields may change after creation.</summary>
internal static class StatefulSetStrategy
{
    // The fields ValidateStatefulSetUpdate lets change; everything else in spec is fixed at creation.
    private static readonly string[] Mutable =
        ["replicas", "ordinals", "template", "updateStrategy", "revisionHistoryLimit", "persistentVolumeClaimRetentionPolicy", "minReadySeconds"];

    /// <summary>The registry entry of <c>statefulsets</c>.</summary>
    public static ResourceStrategy Entry { get; } = new(AppsStrategies.Definition("statefulsets", "statefulset", "StatefulSet", ["sts"]))
    {
        TracksGeneration = true,
        Defaults = ObjectDefaults.ApplyStatefulSet,
        Validate = WorkloadValidation.Check,
        ValidateUpdate = ValidateUpdate,
        Columns =
        [
            NameColumn,
            Col("Ready", "string", (o, _) => $"{L(o, "status.readyReplicas")}/{AppsStrategies.Replicas(o)}", description: "Number of the pod with ready state"),
            AgeColumn,
            Col("Containers", "string", (o, _) => AppsStrategies.Containers(o, "name"), 1, "Names of each container in the template."),
            Col("Images", "string", (o, _) => AppsStrategies.Containers(o, "image"), 1, "Images referenced by each container in the template."),
        ],
    };

    private static void ValidateUpdate(JsonObject obj, JsonObject old, FieldErrors errors)
    {
        var spec = obj["spec"] as JsonObject ?? [];
        var oldSpec = old["spec"] as JsonObject ?? [];
        var keys = spec.Select(p => p.Key).Union(oldSpec.Select(p => p.Key)).Where(k => !Mutable.Contains(k));
        if (keys.Any(k => !JsonNode.DeepEquals(spec[k], oldSpec[k])))
        {
            errors.Forbidden("spec",
                "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
        }
    }
}
