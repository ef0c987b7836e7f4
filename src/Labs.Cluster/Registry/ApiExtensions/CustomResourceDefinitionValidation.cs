using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Labs.Cluster.Admission;
using Labs.Cluster.Api;

namespace Labs.Cluster.Registry.ApiExtensions;

/// <summary>
/// ValidateCustomResourceDefinition (apiextensions-apiserver v0.32) for the mistakes people make: the name, the group,
/// scope, versions (one storage version, schemas present, object at the root), names, printer columns, protected groups.
/// </summary>
internal static partial class CustomResourceDefinitionValidation
{
    private const string Dns1035Message =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    private const string ApprovalAnnotation = "api-approved.kubernetes.io";

    private static readonly string[] ColumnTypes = ["boolean", "date", "integer", "number", "string"];
    private static readonly string[] ColumnFormats = ["byte", "date", "date-time", "double", "float", "int32", "int64", "password"];

    /// <summary>Adds the causes of an invalid definition.</summary>
    public static void Validate(JsonObject crd, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(crd);
        ArgumentNullException.ThrowIfNull(errors);
        var spec = crd["spec"] as JsonObject ?? [];
        var group = (string?)spec["group"] ?? string.Empty;
        var names = spec["names"] as JsonObject ?? [];
        var plural = (string?)names["plural"] ?? string.Empty;
        var name = crd.MetaString("name");
        if (name.Length > 0 && name != $"{plural}.{group}")
        {
            errors.Invalid("metadata.name", FieldErrors.Quote(name), "must be spec.names.plural+\".\"+spec.group");
        }

        if (group.Length == 0)
        {
            errors.Required("spec.group", string.Empty);
        }
        else if (!group.Contains('.', StringComparison.Ordinal))
        {
            errors.Invalid("spec.group", FieldErrors.Quote(group), "should be a domain with at least one dot");
        }

        var scope = (string?)spec["scope"] ?? string.Empty;
        if (scope.Length == 0)
        {
            errors.Required("spec.scope", string.Empty);
        }
        else if (scope is not ("Cluster" or "Namespaced"))
        {
            errors.Causes.Add(("FieldValueNotSupported", "spec.scope", $"Unsupported value: {FieldErrors.Quote(scope)}: supported values: \"Cluster\", \"Namespaced\""));
        }

        ValidateVersions(spec["versions"] as JsonArray ?? [], errors);
        ValidateNames(names, errors);
        ValidateApproval(crd, group, errors);
    }

    /// <summary>What may not change: the scope, and the group and plural (the definition's name says them).</summary>
    public static void ValidateUpdate(JsonObject crd, JsonObject old, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(crd);
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(errors);
        if ((string?)crd["spec"]?["scope"] != (string?)old["spec"]?["scope"])
        {
            errors.Invalid("spec.scope", FieldErrors.Quote((string?)crd["spec"]?["scope"] ?? string.Empty), "field is immutable");
        }
    }

    private static void ValidateVersions(JsonArray versions, FieldErrors errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = true;
        var storageCount = 0;
        for (var i = 0; i < versions.Count; i++)
        {
            var version = versions[i] as JsonObject ?? [];
            var path = $"spec.versions[{i}]";
            var versionName = (string?)version["name"] ?? string.Empty;
            unique &= seen.Add(versionName);
            if ((bool?)version["storage"] == true)
            {
                storageCount++;
            }

            if (!Dns1035().IsMatch(versionName) || versionName.Length > 63)
            {
                errors.Invalid($"{path}.name", FieldErrors.Quote(versionName), Dns1035Message);
            }

            if (version["schema"]?["openAPIV3Schema"] is not JsonObject schema)
            {
                errors.Required($"{path}.schema.openAPIV3Schema", "schemas are required");
            }
            else if ((string?)schema["type"] is not { Length: > 0 } type)
            {
                errors.Required($"{path}.schema.openAPIV3Schema.type", "must not be empty at the root");
            }
            else if (type != "object")
            {
                errors.Invalid($"{path}.schema.openAPIV3Schema.type", FieldErrors.Quote(type), "must be object at the root");
            }

            ValidateColumns(version["additionalPrinterColumns"] as JsonArray ?? [], $"{path}.additionalPrinterColumns", errors);
        }

        if (versions.Count == 0)
        {
            errors.Invalid("spec.versions", "[]", "must have exactly one version marked as storage version");
            return;
        }

        if (!unique)
        {
            errors.Invalid("spec.versions", "[]", "must contain unique version names");
        }

        if (storageCount != 1)
        {
            errors.Invalid("spec.versions", "[]", "must have exactly one version marked as storage version");
        }
    }

    private static void ValidateColumns(JsonArray columns, string path, FieldErrors errors)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i] as JsonObject ?? [];
            var at = $"{path}[{i}]";
            if ((string?)column["name"] is not { Length: > 0 })
            {
                errors.Required($"{at}.name", string.Empty);
            }

            var type = (string?)column["type"] ?? string.Empty;
            if (type.Length == 0)
            {
                errors.Required($"{at}.type", $"must be one of {string.Join(",", ColumnTypes)}");
            }
            else if (!ColumnTypes.Contains(type))
            {
                errors.Invalid($"{at}.type", FieldErrors.Quote(type), $"must be one of {string.Join(",", ColumnTypes)}");
            }

            if ((string?)column["format"] is { Length: > 0 } format && !ColumnFormats.Contains(format))
            {
                errors.Invalid($"{at}.format", FieldErrors.Quote(format), $"must be one of {string.Join(",", ColumnFormats)}");
            }

            var jsonPath = (string?)column["jsonPath"] ?? string.Empty;
            if (jsonPath.Length == 0)
            {
                errors.Required($"{at}.JSONPath", string.Empty);
            }
            else if (SimpleJsonPath.TryParse(jsonPath, out var error) is null)
            {
                errors.Invalid($"{at}.JSONPath", FieldErrors.Quote(jsonPath), error);
            }
        }
    }

    private static void ValidateNames(JsonObject names, FieldErrors errors)
    {
        foreach (var field in new[] { "plural", "singular", "kind", "listKind" })
        {
            if ((string?)names[field] is not { Length: > 0 })
            {
                errors.Required($"spec.names.{field}", string.Empty);
            }
        }

        foreach (var field in new[] { "plural", "singular" })
        {
            if ((string?)names[field] is { Length: > 0 } value && !IsDns1035(value))
            {
                errors.Invalid($"spec.names.{field}", FieldErrors.Quote(value), Dns1035Message);
            }
        }

        foreach (var field in new[] { "kind", "listKind" })
        {
            if ((string?)names[field] is { Length: > 0 } value && !IsDns1035(value.ToLowerInvariant()))
            {
                errors.Invalid($"spec.names.{field}", FieldErrors.Quote(value), "may have mixed case, but should otherwise match: " + Dns1035Message);
            }
        }

        if ((string?)names["kind"] is { Length: > 0 } kind && kind == (string?)names["listKind"])
        {
            errors.Invalid("spec.names.listKind", FieldErrors.Quote(kind), "kind and listKind may not be the same");
        }

        foreach (var field in new[] { "shortNames", "categories" })
        {
            var values = (names[field] as JsonArray ?? []).Select(v => (string?)v ?? string.Empty).ToList();
            for (var i = 0; i < values.Count; i++)
            {
                if (!IsDns1035(values[i]))
                {
                    errors.Invalid($"spec.names.{field}[{i}]", FieldErrors.Quote(values[i]), Dns1035Message);
                }
            }
        }
    }

    // Groups of the Kubernetes community (*.k8s.io, *.kubernetes.io) need the API review's approval annotation.
    private static void ValidateApproval(JsonObject crd, string group, FieldErrors errors)
    {
        var isProtected = group is "k8s.io" or "kubernetes.io"
            || group.EndsWith(".k8s.io", StringComparison.Ordinal) || group.EndsWith(".kubernetes.io", StringComparison.Ordinal);
        if (!isProtected)
        {
            return;
        }

        var path = $"metadata.annotations[{ApprovalAnnotation}]";
        var approval = (string?)crd["metadata"]?["annotations"]?[ApprovalAnnotation] ?? string.Empty;
        if (approval.Length == 0)
        {
            errors.Required(path, $"protected groups must have approval annotation \"{ApprovalAnnotation}\", see https://github.com/kubernetes/enhancements/pull/1111");
        }
        else if (!approval.StartsWith("unapproved", StringComparison.Ordinal) && !Uri.TryCreate(approval, UriKind.Absolute, out _))
        {
            errors.Invalid(path, FieldErrors.Quote(approval),
                $"protected groups must have approval annotation \"{ApprovalAnnotation}\" with either a URL or a reason starting with \"unapproved\", see https://github.com/kubernetes/enhancements/pull/1111");
        }
    }

    private static bool IsDns1035(string value) => value.Length <= 63 && Dns1035().IsMatch(value);

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035();
}
