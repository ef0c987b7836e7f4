using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Labs.Cluster.Api;

/// <summary>The cheap server-side checks a real API server makes before storing: names, kinds, required fields.</summary>
internal static partial class ObjectValidator
{

    private const string LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    /// <summary>
    /// Checks apiVersion, kind and namespace against the URL (400) and the object's own fields (422), filling in
    /// apiVersion and kind when the body omits them.
    /// </summary>
    public static void Validate(ResourceDefinition definition, JsonObject obj, string? urlNamespace, string? urlName)
    {
        var apiVersion = Text(obj["apiVersion"]);
        var kind = Text(obj["kind"]);
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != definition.ApiVersion)
        {
            throw ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({definition.ApiVersion})");
        }

        if (!string.IsNullOrEmpty(kind) && kind != definition.Kind)
        {
            throw ApiErrors.BadRequest($"{kind} in version \"{definition.Version}\" cannot be handled as a {definition.Kind}: the kind in the data ({kind}) does not match the expected kind ({definition.Kind})");
        }

        obj["apiVersion"] = definition.ApiVersion;
        obj["kind"] = definition.Kind;
        var metadata = obj.Meta();
        var ns = obj.MetaString("namespace");
        if (definition.Namespaced && ns.Length > 0 && urlNamespace is not null && ns != urlNamespace)
        {
            throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        var name = obj.MetaString("name");
        if (urlName is not null && name != urlName)
        {
            throw ApiErrors.BadRequest($"the name of the object ({name}) does not match the name on the URL ({urlName})");
        }

        var causes = new List<(string, string, string)>();
        if (name.Length == 0 && obj.MetaString("generateName").Length == 0)
        {
            causes.Add(("FieldValueRequired", "metadata.name", "Required value: name or generateName is required"));
        }
        else if (name.Length > 0)
        {
            CheckName(definition, name, causes);
        }

        if (metadata["labels"] is JsonObject labels && labels.Any(l => l.Value is not JsonValue))
        {
            causes.Add(("FieldValueInvalid", "metadata.labels", "Invalid value: label values must be strings"));
        }

        switch (definition.Kind)
        {
            case "Pod":
                CheckPodSpec(obj["spec"] as JsonObject, "spec", causes);
                break;
            case "Deployment" or "ReplicaSet":
                CheckWorkload(obj, causes);
                break;
        }

        if (causes.Count > 0)
        {
            throw ApiErrors.Invalid(definition.Kind, definition.Group, name, causes);
        }
    }

    private static void CheckName(ResourceDefinition definition, string name, List<(string, string, string)> causes)
    {
        if (definition.Group == "rbac.authorization.k8s.io")
        {
            if (name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('%', StringComparison.Ordinal))
            {
                causes.Add(("FieldValueInvalid", "metadata.name", $"Invalid value: \"{name}\": may not contain '/' or '%' and may not be '.' or '..'"));
            }

            return;
        }

        var label = definition.Kind is "Namespace" or "Service";
        var ok = label ? name.Length <= 63 && LabelRegex().IsMatch(name) : name.Length <= 253 && SubdomainRegex().IsMatch(name);
        if (!ok)
        {
            causes.Add(("FieldValueInvalid", "metadata.name", $"Invalid value: \"{name}\": {(label ? LabelMessage : LabelRules.SubdomainError)}"));
        }
    }

    private static void CheckPodSpec(JsonObject? spec, string path, List<(string, string, string)> causes)
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

    private static void CheckWorkload(JsonObject obj, List<(string, string, string)> causes)
    {
        var spec = obj["spec"] as JsonObject;
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

        CheckPodSpec(spec?["template"]?["spec"] as JsonObject, "spec.template.spec", causes);
    }

    // A non-string where a string belongs reads as absent here; the type check reports it precisely.
    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SubdomainRegex();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex LabelRegex();
}
