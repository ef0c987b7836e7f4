using System.Text.Json.Nodes;

namespace Labs.Cluster.Registry.Core;

/// <summary>
/// The checks of the <c>pods/ephemeralcontainers</c> subresource (ValidatePodEphemeralContainersUpdate and
/// validateEphemeralContainers): existing ephemeral containers may be neither removed nor changed, and a new one needs
/// a name no other container of the pod has, an image, a target that is one of the pod's containers, and none of the
/// fields only ordinary containers have.
/// </summary>
internal static class EphemeralContainerValidation
{
    private const string Path = "spec.ephemeralContainers";

    // What validateFieldAllowList refuses for an ephemeral container (ports, probes, lifecycle, resources...).
    private static readonly string[] Forbidden =
        ["ports", "livenessProbe", "readinessProbe", "startupProbe", "lifecycle", "resources", "resizePolicy", "restartPolicy"];

    /// <summary>Adds the causes for <paramref name="updated"/>'s ephemeral containers against the pod as stored.</summary>
    public static void Check(JsonObject updated, JsonObject existing, List<(string, string, string)> causes)
    {
        var proposed = Containers(updated, "ephemeralContainers");
        var byName = proposed.Where(c => Name(c).Length > 0).GroupBy(Name).ToDictionary(g => g.Key, g => g.First());
        foreach (var old in Containers(existing, "ephemeralContainers"))
        {
            if (!byName.TryGetValue(Name(old), out var now))
            {
                causes.Add(("FieldValueForbidden", Path, $"Forbidden: existing ephemeral containers \"{Name(old)}\" may not be removed\n"));
            }
            else if (!JsonNode.DeepEquals(old, now))
            {
                causes.Add(("FieldValueForbidden", Path, $"Forbidden: existing ephemeral containers \"{Name(old)}\" may not be changed\n"));
            }
        }

        var regular = Containers(updated, "containers").Concat(Containers(updated, "initContainers")).Select(Name).ToHashSet();
        var seen = new HashSet<string>(regular);
        for (var i = 0; i < proposed.Count; i++)
        {
            var container = proposed[i];
            var at = $"{Path}[{i}]";
            var name = Name(container);
            if (name.Length == 0)
            {
                causes.Add(("FieldValueRequired", $"{at}.name", "Required value"));
            }
            else if (!seen.Add(name))
            {
                causes.Add(("FieldValueDuplicate", $"{at}.name", $"Duplicate value: \"{name}\""));
            }

            if (container["image"] is not JsonValue image || string.IsNullOrEmpty((string?)image))
            {
                causes.Add(("FieldValueRequired", $"{at}.image", "Required value"));
            }

            if ((string?)container["targetContainerName"] is { Length: > 0 } target && !Containers(updated, "containers").Any(c => Name(c) == target))
            {
                causes.Add(("FieldValueNotFound", $"{at}.targetContainerName", $"Not found: \"{target}\""));
            }

            // As validateFieldAllowList, only set fields count: kubectl debug sends "resources": {}.
            foreach (var field in Forbidden.Where(f => container[f] is JsonObject { Count: > 0 } or JsonArray { Count: > 0 } or JsonValue))
            {
                causes.Add(("FieldValueForbidden", $"{at}.{field}", "Forbidden: cannot be set for an Ephemeral Container"));
            }
        }
    }

    private static List<JsonObject> Containers(JsonObject pod, string list) => (pod["spec"]?[list] as JsonArray ?? []).OfType<JsonObject>().ToList();

    private static string Name(JsonObject container) => container["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
}
