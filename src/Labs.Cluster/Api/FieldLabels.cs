using System.Text.Json;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Api;

/// <summary>
/// The fields each kind can be selected by, as kube-apiserver's field label conversions define them (Kubernetes 1.32,
/// pkg/apis/core/v1/conversion.go and the registries' selectable field sets): <c>metadata.name</c> and
/// <c>metadata.namespace</c> for every kind, more for a few. Anything else is refused with the real message.
/// </summary>
internal static class FieldLabels
{
    private static readonly string[] Meta = ["metadata.name", "metadata.namespace"];

    // Kinds with their own conversion function; all other kinds get the default (metadata only).
    private static readonly Dictionary<(string Group, string Kind), string[]> Kinds = new()
    {
        [("", "Pod")] = [.. Meta, "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
            "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName", "spec.host"],
        [("", "Node")] = ["metadata.name", "spec.unschedulable"],
        [("", "Event")] = [.. Meta, "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
            "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
            "reportingComponent", "source", "type"],
        [("", "Namespace")] = ["metadata.name", "status.phase"],
        [("", "Secret")] = [.. Meta, "type"],
        [("", "Service")] = [.. Meta, "spec.clusterIP", "spec.type"],
        [("apps", "ReplicaSet")] = [.. Meta, "status.replicas"],
        [("batch", "Job")] = [.. Meta, "status.successful"],
    };

    // Labels that are not simply the JSON path of a string, with the Go zero value an absent field reads as.
    private static readonly Dictionary<string, (string Path, string Zero)> Special = new(StringComparer.Ordinal)
    {
        ["spec.host"] = ("spec.nodeName", string.Empty),
        ["spec.hostNetwork"] = ("spec.hostNetwork", "false"),
        ["spec.unschedulable"] = ("spec.unschedulable", "false"),
        ["status.podIPs"] = ("status.podIP", string.Empty),
        ["status.replicas"] = ("status.replicas", "0"),
        ["status.successful"] = ("status.succeeded", "0"),
        ["source"] = ("source.component", string.Empty),
    };

    /// <summary>The label as the selector will read it; 400 with the real message when the kind does not support it.</summary>
    public static string Resolve(ResourceDefinition definition, string label)
    {
        if (!Kinds.TryGetValue((definition.Group, definition.Kind), out var supported))
        {
            return Meta.Contains(label, StringComparer.Ordinal)
                ? label
                : throw ApiErrors.BadRequest($"\"{label}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
        }

        return supported.Contains(label, StringComparer.Ordinal) ? label : throw ApiErrors.BadRequest($"field label not supported: {label}");
    }

    /// <summary>The text a field selector compares for a label: strings as they are, booleans and numbers as Go prints them.</summary>
    public static string ValueOf(JsonObject obj, string label)
    {
        var (path, zero) = Special.TryGetValue(label, out var special) ? special : (label, string.Empty);
        JsonNode? node = obj;
        foreach (var segment in path.Split('.'))
        {
            node = node is JsonObject o ? o[segment] : null;
        }

        return node switch
        {
            null => zero,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => node.ToJsonString(),
        };
    }
}
