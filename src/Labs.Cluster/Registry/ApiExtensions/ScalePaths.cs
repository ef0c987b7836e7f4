using System.Text.Json.Nodes;

namespace Labs.Cluster.Registry.ApiExtensions;

/// <summary>
/// Where a kind's scale subresource reads and writes (a CRD's <c>subresources.scale</c>): the desired replicas, the
/// observed replicas, and optionally the label selector as a string.
/// </summary>
/// <param name="SpecReplicas">The path of the desired replica count, e.g. <c>.spec.replicas</c>.</param>
/// <param name="StatusReplicas">The path of the observed replica count, e.g. <c>.status.replicas</c>.</param>
/// <param name="LabelSelector">The path of the selector in its string form, or null.</param>
internal sealed record ScalePaths(string SpecReplicas, string StatusReplicas, string? LabelSelector)
{
    /// <summary>The paths of a CRD's <c>subresources.scale</c>.</summary>
    public static ScalePaths From(JsonObject scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        return new ScalePaths((string?)scale["specReplicasPath"] ?? ".spec.replicas", (string?)scale["statusReplicasPath"] ?? ".status.replicas",
            (string?)scale["labelSelectorPath"]);
    }

    /// <summary>The value at a dotted path (<c>.spec.replicas</c>), or null.</summary>
    public static JsonNode? Read(JsonObject obj, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Api.TableColumns.At(obj, path.TrimStart('.'));
    }

    /// <summary>Sets the value at a dotted path, creating the objects on the way.</summary>
    public static void Write(JsonObject obj, string path, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(path);
        var segments = Segments(path);
        var current = obj;
        foreach (var segment in segments[..^1])
        {
            if (current[segment] is not JsonObject next)
            {
                next = [];
                current[segment] = next;
            }

            current = next;
        }

        current[segments[^1]] = value;
    }

    private static string[] Segments(string path) => path.TrimStart('.').Split('.');
}
