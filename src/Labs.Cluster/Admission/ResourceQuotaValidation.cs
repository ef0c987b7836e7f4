using System.Text.Json.Nodes;

namespace Labs.Cluster.Admission;

/// <summary>The API server's validation of a ResourceQuota (ValidateResourceQuota in pkg/apis/core/validation).</summary>
internal static class ResourceQuotaValidation
{
    private static readonly string[] StandardScopes =
        ["Terminating", "NotTerminating", "BestEffort", "NotBestEffort", "PriorityClass", "CrossNamespacePodAffinity"];

    private static readonly HashSet<string> PodComputeResources = new(StringComparer.Ordinal)
    {
        "cpu", "memory", "limits.cpu", "limits.memory", "requests.cpu", "requests.memory",
    };

    /// <summary>Throws 422 Invalid when the quota's hard limits, scopes or status are not acceptable.</summary>
    public static void Validate(JsonObject quota)
    {
        var errors = new FieldErrors();
        var hard = ResourceList.Read(quota["spec"]?["hard"]);
        CheckList(hard, "spec.hard", errors);
        CheckScopes(hard, quota["spec"]?["scopes"] as JsonArray, errors);
        CheckScopeSelector(quota["spec"]?["scopeSelector"]?["matchExpressions"] as JsonArray, errors);
        CheckList(ResourceList.Read(quota["status"]?["hard"]), "status.hard", errors);
        CheckList(ResourceList.Read(quota["status"]?["used"]), "status.used", errors);
        errors.ThrowIfAny("ResourceQuota", string.Empty, (string?)quota["metadata"]?["name"] ?? string.Empty);
    }

    /// <summary><c>ValidateResourceQuantityValue</c>: never negative, whole numbers for counted resources.</summary>
    public static void CheckQuantity(string resource, Quantity value, string path, FieldErrors errors)
    {
        if (value.Sign < 0)
        {
            errors.Invalid(path, FieldErrors.Quote(value.ToString()), "must be greater than or equal to 0");
        }

        if (ResourceNames.IsInteger(resource) && !(value.MilliValue % 1000).IsZero)
        {
            errors.Invalid(path, value.GoSyntax(), "must be an integer");
        }
    }

    private static void CheckList(ResourceList list, string path, FieldErrors errors)
    {
        foreach (var (name, value) in list)
        {
            var key = $"{path}[{name}]";
            foreach (var message in ResourceNames.QuotaResourceNameErrors(name))
            {
                errors.Invalid(key, name, message);
            }

            CheckQuantity(name, value, key, errors);
        }
    }

    private static void CheckScopes(ResourceList hard, JsonArray? scopes, FieldErrors errors)
    {
        var names = scopes?.Select(s => (string?)s ?? string.Empty).ToList() ?? [];
        if (names.Count == 0)
        {
            return;
        }

        var printed = "[]core.ResourceQuotaScope{" + string.Join(", ", names.Select(FieldErrors.Quote)) + "}";
        foreach (var scope in names)
        {
            if (!StandardScopes.Contains(scope, StringComparer.Ordinal))
            {
                errors.Invalid("spec.scopes", printed, "unsupported scope");
            }

            foreach (var resource in hard.Keys)
            {
                if (ResourceNames.IsStandardQuota(resource) && !ScopeAppliesTo(scope, resource))
                {
                    errors.Invalid("spec.scopes", printed, "unsupported scope applied to resource");
                }
            }
        }

        if ((names.Contains("BestEffort") && names.Contains("NotBestEffort")) || (names.Contains("Terminating") && names.Contains("NotTerminating")))
        {
            errors.Invalid("spec.scopes", printed, "conflicting scopes");
        }
    }

    private static void CheckScopeSelector(JsonArray? expressions, FieldErrors errors)
    {
        for (var i = 0; i < (expressions?.Count ?? 0); i++)
        {
            var path = $"spec.scopeSelector.matchExpressions[{i}]";
            var scope = (string?)expressions![i]?["scopeName"] ?? string.Empty;
            var op = (string?)expressions[i]?["operator"] ?? string.Empty;
            var values = expressions[i]?["values"] as JsonArray;
            if (!StandardScopes.Contains(scope, StringComparer.Ordinal))
            {
                errors.Invalid($"{path}.scopeName", FieldErrors.Quote(scope), "unsupported scope");
            }

            if (op is "In" or "NotIn")
            {
                if ((values?.Count ?? 0) == 0)
                {
                    errors.Invalid($"{path}.values", "[]string(nil)", "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector");
                }
            }
            else if (op is "Exists" or "DoesNotExist")
            {
                if ((values?.Count ?? 0) != 0)
                {
                    errors.Invalid($"{path}.values", "[]string{" + string.Join(", ", values!.Select(v => FieldErrors.Quote((string?)v ?? string.Empty))) + "}",
                        "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector");
                }
            }
            else
            {
                errors.Invalid($"{path}.operator", FieldErrors.Quote(op), "not a valid selector operator");
            }
        }
    }

    /// <summary>Pod-lifecycle scopes only make sense for pod counts and pod compute resources; BestEffort only for counts.</summary>
    private static bool ScopeAppliesTo(string scope, string resource) => scope switch
    {
        "Terminating" or "NotTerminating" or "NotBestEffort" or "PriorityClass" or "CrossNamespacePodAffinity" =>
            resource == "pods" || PodComputeResources.Contains(resource),
        "BestEffort" => resource == "pods",
        _ => true,
    };
}
