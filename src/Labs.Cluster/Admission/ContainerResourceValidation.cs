using System.Text.Json.Nodes;

namespace Labs.Cluster.Admission;

/// <summary>
/// The API server's check of container <c>resources</c> in a pod or a pod template (ValidateContainerResourceRequirements):
/// known resource names, no negative values, whole numbers where required, and no request above its limit.
/// </summary>
internal static class ContainerResourceValidation
{
    /// <summary>Throws 422 Invalid when a container of the object's pod spec has unacceptable resources.</summary>
    public static void Validate(JsonObject obj, string group)
    {
        if (PodSpecPath(obj) is not { Spec: { } spec } found)
        {
            return;
        }

        var path = found.Path;

        var errors = new FieldErrors();
        foreach (var list in (string[])["containers", "initContainers"])
        {
            var containers = spec[list] as JsonArray ?? [];
            for (var i = 0; i < containers.Count; i++)
            {
                if (containers[i] is JsonObject container)
                {
                    Check(container, $"{path}.{list}[{i}].resources", errors);
                }
            }
        }

        errors.ThrowIfAny((string?)obj["kind"] ?? string.Empty, group, (string?)obj["metadata"]?["name"] ?? string.Empty);
    }

    /// <summary>Where the object keeps its pod spec, by kind; null for kinds without one.</summary>
    private static (JsonObject? Spec, string Path)? PodSpecPath(JsonObject obj) => (string?)obj["kind"] switch
    {
        "Pod" => (obj["spec"] as JsonObject, "spec"),
        "PodTemplate" => (obj["template"]?["spec"] as JsonObject, "template.spec"),
        "Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet" or "Job" or "ReplicationController" =>
            (obj["spec"]?["template"]?["spec"] as JsonObject, "spec.template.spec"),
        "CronJob" => (obj["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"] as JsonObject, "spec.jobTemplate.spec.template.spec"),
        _ => null,
    };

    private static void Check(JsonObject container, string path, FieldErrors errors)
    {
        var limits = PodResources.Limits(container);
        var requests = PodResources.Requests(container);
        foreach (var (name, quantity) in limits)
        {
            CheckNameAndValue(name, quantity, $"{path}.limits[{name}]", errors);
        }

        foreach (var (name, quantity) in requests)
        {
            CheckNameAndValue(name, quantity, $"{path}.requests[{name}]", errors);
            if (limits.TryGetValue(name, out var limit))
            {
                if (quantity != limit && !ResourceNames.IsOvercommitAllowed(name))
                {
                    errors.Invalid($"{path}.requests", FieldErrors.Quote(quantity.ToString()), $"must be equal to {name} limit of {limit}");
                }
                else if (quantity > limit)
                {
                    errors.Invalid($"{path}.requests", FieldErrors.Quote(quantity.ToString()), $"must be less than or equal to {name} limit of {limit}");
                }
            }
            else if (!ResourceNames.IsOvercommitAllowed(name))
            {
                errors.Required($"{path}.limits", "Limit must be set for non overcommitable resources");
            }
        }
    }

    private static void CheckNameAndValue(string name, Quantity quantity, string path, FieldErrors errors)
    {
        foreach (var message in ResourceNames.ContainerResourceNameErrors(name))
        {
            errors.Invalid(path, name, message);
        }

        ResourceQuotaValidation.CheckQuantity(name, quantity, path, errors);
    }
}
