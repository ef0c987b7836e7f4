using System.Text.Json.Nodes;
using Labs.Cluster.Admission;
using Labs.Cluster.Registry.Core;
using Labs.Cluster.Workloads;

namespace Labs.Cluster.Registry.Apps;

/// <summary>What every workload with a selector and a pod template must satisfy (ValidateDeploymentSpec and kin).</summary>
internal static class WorkloadValidation
{
    /// <summary>Replicas are not negative, a selector is required, the template's labels must match it, and the template's pod spec must be valid.</summary>
    public static void Check(JsonObject obj, FieldErrors errors)
    {
        var causes = errors.Causes;
        var spec = obj["spec"] as JsonObject;
        if (spec.Long("replicas") is { } count && count < 0)
        {
            errors.Invalid("spec.replicas", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be greater than or equal to 0");
        }

        var matchLabels = spec?["selector"]?["matchLabels"] as JsonObject;
        if (spec?["selector"] is null)
        {
            causes.Add(("FieldValueRequired", "spec.selector", "Required value"));
        }

        var templateLabels = spec?["template"]?["metadata"]?["labels"] as JsonObject;
        if (matchLabels is not null && matchLabels.Any(l => Text(templateLabels?[l.Key]) != Text(l.Value)))
        {
            var shown = templateLabels is null ? "map[string]string(nil)"
                : "map[string]string{" + string.Join(", ", templateLabels.Select(l => $"\"{l.Key}\":\"{l.Value}\"")) + "}";
            causes.Add(("FieldValueInvalid", "spec.template.metadata.labels", $"Invalid value: {shown}: `selector` does not match template `labels`"));
        }

        PodSpecValidation.Check(WithClaimVolumes(spec), "spec.template.spec", causes);
    }

    // A StatefulSet's containers may mount its volumeClaimTemplates: they count as the pod's volumes (each pod gets a
    // claim of that name), as the statefulset validation sees them.
    private static JsonObject? WithClaimVolumes(JsonObject? spec)
    {
        if (spec?["template"]?["spec"] is not JsonObject podSpec || spec["volumeClaimTemplates"] is not JsonArray { Count: > 0 } claims)
        {
            return spec?["template"]?["spec"] as JsonObject;
        }

        var copy = podSpec.DeepClone().AsObject();
        var volumes = copy["volumes"] as JsonArray ?? [];
        copy["volumes"] = volumes;
        foreach (var name in claims.OfType<JsonObject>().Select(c => c["metadata"]?["name"]?.GetValue<string>()).OfType<string>())
        {
            if (!volumes.OfType<JsonObject>().Any(v => v["name"]?.GetValue<string>() == name))
            {
                volumes.Add(new JsonObject { ["name"] = name, ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = name } });
            }
        }

        return copy;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
