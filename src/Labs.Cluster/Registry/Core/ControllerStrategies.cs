using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Admission;
using Labs.Cluster.Api;
using Labs.Cluster.Schema;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Core;

/// <summary>ReplicationControllers and PodTemplates: the core group's own pod templates.</summary>
internal static class ControllerStrategies
{
    /// <summary>
    /// The registry entry of <c>replicationcontrollers</c>: the selector and labels default to the template's labels,
    /// and, for v1's backwards compatibility, a DELETE without a policy orphans the pods.
    /// </summary>
    public static ResourceStrategy ReplicationControllers { get; } = new(new ResourceDefinition(
        string.Empty, "v1", "replicationcontrollers", "replicationcontroller", "ReplicationController", true, ["rc"], ["all"],
        ResourceDefinition.AllVerbs, ["status", "scale"]))
    {
        TracksGeneration = true,
        PrepareForCreate = SelectorFromTemplate,
        PrepareForUpdate = SelectorFromTemplate,
        Validate = ValidateReplicationController,
        Defaults = obj =>
        {
            var spec = obj["spec"] as JsonObject ?? [];
            obj["spec"] = spec;
            spec["replicas"] ??= 1;
            if (spec["template"] is JsonObject template)
            {
                ObjectDefaults.ApplyPodTemplate(template);
            }
        },
        DefaultPropagation = "Orphan",
        Columns =
        [
            NameColumn,
            Col("Desired", "integer", (o, _) => At(o, "spec.replicas") is null ? 1 : L(o, "spec.replicas"), description: "Replicas is the number of desired replicas."),
            Col("Current", "integer", (o, _) => L(o, "status.replicas"), description: "Replicas is the most recently observed number of replicas."),
            Col("Ready", "integer", (o, _) => L(o, "status.readyReplicas"), description: "The number of ready replicas for this replication controller."),
            AgeColumn,
            Col("Containers", "string", (o, _) => Apps.AppsStrategies.Containers(o, "name"), 1, "Names of each container in the template."),
            Col("Images", "string", (o, _) => Apps.AppsStrategies.Containers(o, "image"), 1, "Images referenced by each container in the template."),
            Col("Selector", "string", (o, _) => Labels(At(o, "spec.selector")), 1, "Selector is a label query over pods that should match the Replicas count."),
        ],
        Fields = SelectableFields.WithMetadata(FieldLabel.Number("status.replicas")),
    };

    /// <summary>The registry entry of <c>podtemplates</c>.</summary>
    public static ResourceStrategy PodTemplates { get; } = new(new ResourceDefinition(
        string.Empty, "v1", "podtemplates", "podtemplate", "PodTemplate", true, [], [], ResourceDefinition.AllVerbs, []))
    {
        ReturnsDeletedObject = true,
        Validate = (obj, errors) => PodSpecValidation.Check(obj["template"]?["spec"] as JsonObject, "template.spec", errors.Causes),
        Columns =
        [
            NameColumn,
            Col("Containers", "string", (o, _) => Apps.AppsStrategies.Containers(o, "name", "template"), description: "Names of each container in the template."),
            Col("Images", "string", (o, _) => Apps.AppsStrategies.Containers(o, "image", "template"), description: "Images referenced by each container in the template."),
            Col("Pod Labels", "string", (o, _) => Labels(At(o, "template.metadata.labels")), description: "The labels for the pod template."),
        ],
    };

    /// <summary>The registry entry of <c>endpoints</c>.</summary>
    public static ResourceStrategy Endpoints { get; } = new(new ResourceDefinition(
        string.Empty, "v1", "endpoints", "endpoints", "Endpoints", true, ["ep"], [], ResourceDefinition.AllVerbs, []))
    {
        Columns =
        [
            NameColumn,
            Col("Endpoints", "string", (o, _) => EndpointList(o), description: "The set of all endpoints is the union of all subsets."),
            AgeColumn,
        ],
    };

    private static void SelectorFromTemplate(JsonObject obj)
    {
        if (obj["spec"] is not JsonObject spec || spec["template"]?["metadata"]?["labels"] is not JsonObject { Count: > 0 } labels)
        {
            return;
        }

        if (spec["selector"] is not JsonObject { Count: > 0 })
        {
            spec["selector"] = labels.DeepClone();
        }

        if (obj.Meta()["labels"] is not JsonObject { Count: > 0 })
        {
            obj.Meta()["labels"] = labels.DeepClone();
        }
    }

    private static void ValidateReplicationController(JsonObject obj, FieldErrors errors)
    {
        var spec = obj["spec"] as JsonObject;
        if (spec?["selector"] is not JsonObject { Count: > 0 } selector)
        {
            errors.Required("spec.selector", string.Empty);
            selector = [];
        }

        if (spec?["template"] is not JsonObject template)
        {
            errors.Required("spec.template", string.Empty);
            return;
        }

        var labels = template["metadata"]?["labels"] as JsonObject;
        if (selector.Any(s => labels?[s.Key]?.ToString() != s.Value?.ToString()))
        {
            var shown = labels is null ? "map[string]string(nil)"
                : "map[string]string{" + string.Join(", ", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{FieldErrors.Quote(l.Key)}:{FieldErrors.Quote(l.Value?.ToString() ?? string.Empty)}")) + "}";
            errors.Invalid("spec.template.metadata.labels", shown, "`selector` does not match template `labels`");
        }

        PodSpecValidation.Check(template["spec"] as JsonObject, "spec.template.spec", errors.Causes);
    }

    // formatEndpoints: ip:port for each address and port, at most three, then "+ N more...".
    private static string EndpointList(JsonObject o)
    {
        var subsets = Objects(o["subsets"]).ToList();
        if (subsets.Count == 0)
        {
            return None;
        }

        var list = new List<string>();
        var count = 0;
        foreach (var subset in subsets)
        {
            var addresses = Objects(subset["addresses"]).Select(a => S(a, "ip")).ToList();
            var ports = Objects(subset["ports"]).ToList();
            if (ports.Count == 0)
            {
                count += addresses.Count;
                list.AddRange(addresses);
                continue;
            }

            foreach (var port in ports)
            {
                count += addresses.Count;
                var number = L(port, "port").ToString(CultureInfo.InvariantCulture);
                list.AddRange(addresses.Select(ip => ip.Contains(':', StringComparison.Ordinal) ? $"[{ip}]:{number}" : $"{ip}:{number}"));
            }
        }

        return count > 3 ? $"{string.Join(',', list.Take(3))} + {count - 3} more..." : string.Join(',', list);
    }
}
