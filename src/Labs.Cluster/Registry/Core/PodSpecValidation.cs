using System.Text.Json.Nodes;

namespace Labs.Cluster.Registry.Core;

/// <summary>
/// The checks of kube-apiserver's ValidatePodSpec that learners' mistakes hit (containers, names, images, volumes and
/// their mounts), shared by pods and every kind that carries a pod template.
/// </summary>
internal static partial class PodSpecValidation
{
    /// <summary>Adds the causes for the pod spec at <paramref name="path"/> (e.g. <c>spec.template.spec</c>).</summary>
    public static void Check(JsonObject? spec, string path, List<(string, string, string)> causes)
    {
        if (spec?["containers"] is not JsonArray containers || containers.Count == 0)
        {
            causes.Add(("FieldValueRequired", $"{path}.containers", "Required value"));
            return;
        }

        var names = new HashSet<string>();
        for (var i = 0; i < containers.Count; i++)
        {
            var container = containers[i] as JsonObject;
            var name = Text(container?["name"]);
            if (string.IsNullOrEmpty(name))
            {
                causes.Add(("FieldValueRequired", $"{path}.containers[{i}].name", "Required value"));
            }
            else if (!names.Add(name))
            {
                causes.Add(("FieldValueDuplicate", $"{path}.containers[{i}].name", $"Duplicate value: \"{name}\""));
            }

            if (string.IsNullOrEmpty(Text(container?["image"])))
            {
                causes.Add(("FieldValueRequired", $"{path}.containers[{i}].image", "Required value"));
            }
        }

        CheckVolumes(spec, path, causes);
    }

    // A non-string where a string belongs reads as absent here; the type check reports it precisely.
    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
