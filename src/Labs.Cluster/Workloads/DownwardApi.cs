using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Admission;

namespace Labs.Cluster.Workloads;

/// <summary>The downward API: a pod's fields and a container's resources, as env values and as downwardAPI volume files.</summary>
internal static class DownwardApi
{
    /// <summary>A pod field by its fieldPath (the ones validation allows); null for any other.</summary>
    public static string? FieldValue(JsonObject pod, string fieldPath)
    {
        if (fieldPath.StartsWith("metadata.labels['", StringComparison.Ordinal) || fieldPath.StartsWith("metadata.annotations['", StringComparison.Ordinal))
        {
            var map = fieldPath.StartsWith("metadata.labels", StringComparison.Ordinal) ? "labels" : "annotations";
            var key = fieldPath[(fieldPath.IndexOf('\'', StringComparison.Ordinal) + 1)..^2];
            return pod.Str("metadata", map, key) ?? "";
        }

        return fieldPath switch
        {
            "metadata.name" => pod.Name(),
            "metadata.namespace" => pod.Namespace() ?? "",
            "metadata.uid" => pod.Uid(),
            "metadata.labels" or "metadata.annotations" => FormatMap(pod.Obj("metadata", fieldPath["metadata.".Length..])),
            "spec.nodeName" => pod.Str("spec", "nodeName") ?? "",
            "spec.serviceAccountName" => pod.Str("spec", "serviceAccountName") ?? "",
            "status.hostIP" => pod.Str("status", "hostIP") ?? "",
            "status.hostIPs" => string.Join(',', pod.Arr("status", "hostIPs").Objects().Select(i => i.Str("ip"))),
            "status.podIP" => pod.Str("status", "podIP") ?? "",
            "status.podIPs" => string.Join(',', pod.Arr("status", "podIPs").Objects().Select(i => i.Str("ip"))),
            _ => null,
        };
    }

    /// <summary>
    /// ExtractContainerResourceValue: a container's request or limit divided by the divisor and rounded up (CPU in
    /// millicores); an unset request is the limit, an unset limit the node's allocatable. The container is the one the
    /// reference names, else <paramref name="owner"/>; null when the reference is not one.
    /// </summary>
    public static string? ResourceValue(JsonObject pod, JsonObject? owner, JsonObject reference)
    {
        var resource = reference.Str("resource") ?? "";
        var container = reference.Str("containerName") is { Length: > 0 } wanted
            ? pod.Arr("spec", "containers").Objects().FirstOrDefault(c => c.Str("name") == wanted)
            : owner;
        var dot = resource.IndexOf('.', StringComparison.Ordinal);
        if (container is null || dot < 0 || resource[..dot] is not ("limits" or "requests"))
        {
            return null;
        }

        var kind = resource[(dot + 1)..];
        var text = container.Str("resources", resource[..dot], kind)
            ?? (resource[..dot] == "requests" ? container.Str("resources", "limits", kind) ?? "0" : NodeRegistrar.Resources().Str(kind));
        var divisorText = reference.Str("divisor") is { Length: > 0 } d ? d : "1";
        if (!Quantity.TryParse(text, out var value, out _) || !Quantity.TryParse(divisorText, out var divisor, out _) || divisor.IsZero)
        {
            return null;
        }

        var quotient = (value.MilliValue + divisor.MilliValue - 1) / divisor.MilliValue;
        return quotient.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The kubelet's format of labels and annotations: <c>key="value"</c> lines, sorted, Go-quoted.</summary>
    private static string FormatMap(JsonObject? map) =>
        string.Join('\n', (map ?? []).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={System.Text.Json.JsonSerializer.Serialize(p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : "")}"));
}
