using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Access;
using Labs.Cluster.Admission;
using Labs.Cluster.Api;

namespace Labs.Cluster.Registry.AdmissionRegistration;

/// <summary>
/// Defaults and validation of the webhooks of a Validating- or MutatingWebhookConfiguration, with the words of
/// Kubernetes' admissionregistration validation (creates require side effects None or NoneOnDryRun and an
/// AdmissionReview version this server understands). URLs and services are not checked beyond being there.
/// </summary>
internal static class WebhookRules
{
    private static readonly string[] SideEffects = ["None", "NoneOnDryRun"];
    private static readonly string[] FailurePolicies = ["Fail", "Ignore"];
    private static readonly string[] MatchPolicies = ["Equivalent", "Exact"];
    private static readonly string[] ReinvocationPolicies = ["IfNeeded", "Never"];
    private static readonly string[] ReviewVersions = ["v1", "v1beta1"];

    /// <summary>Fills what the API server defaults in each webhook.</summary>
    public static void Default(JsonObject configuration, bool mutating)
    {
        foreach (var hook in Hooks(configuration))
        {
            hook["failurePolicy"] ??= "Fail";
            hook["matchPolicy"] ??= "Equivalent";
            hook["namespaceSelector"] ??= new JsonObject();
            hook["objectSelector"] ??= new JsonObject();
            hook["timeoutSeconds"] ??= 10;
            if (mutating)
            {
                hook["reinvocationPolicy"] ??= "Never";
            }

            if (hook["clientConfig"] is JsonObject { } config && config["service"] is JsonObject service)
            {
                service["port"] ??= 443;
            }

            foreach (var rule in (hook["rules"] as JsonArray ?? []).OfType<JsonObject>())
            {
                rule["scope"] ??= "*";
            }
        }
    }

    /// <summary>Checks each webhook.</summary>
    public static void Validate(JsonObject configuration, FieldErrors errors, bool mutating)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var hook in Hooks(configuration))
        {
            var at = $"webhooks[{index++}]";
            var name = JsonFields.String(hook, "name") ?? string.Empty;
            CheckName($"{at}.name", name, errors);
            OneOf(hook, "failurePolicy", FailurePolicies, at, errors);
            OneOf(hook, "matchPolicy", MatchPolicies, at, errors);
            if (mutating)
            {
                OneOf(hook, "reinvocationPolicy", ReinvocationPolicies, at, errors);
            }

            if (hook["sideEffects"] is null)
            {
                errors.Required($"{at}.sideEffects", "must specify one of " + string.Join(", ", SideEffects));
            }
            else
            {
                OneOf(hook, "sideEffects", SideEffects, at, errors);
            }

            if (hook["timeoutSeconds"] is JsonValue timeout && timeout.TryGetValue<int>(out var seconds) && seconds is < 1 or > 30)
            {
                errors.Invalid($"{at}.timeoutSeconds", seconds.ToString(CultureInfo.InvariantCulture), "the timeout value must be between 1 and 30 seconds");
            }

            var config = hook["clientConfig"] as JsonObject;
            if ((config?["url"] is null) == (config?["service"] is null))
            {
                errors.Required($"{at}.clientConfig", "exactly one of url or service is required");
            }

            CheckReviewVersions($"{at}.admissionReviewVersions", hook["admissionReviewVersions"] as JsonArray, errors);
            if (name.Length > 0 && !names.Add(name))
            {
                errors.Duplicate($"{at}.name", FieldErrors.Quote(name));
            }
        }
    }

    private static IEnumerable<JsonObject> Hooks(JsonObject configuration) => (configuration["webhooks"] as JsonArray ?? []).OfType<JsonObject>();

    // utilvalidation.IsFullyQualifiedName: a DNS subdomain with at least three segments.
    private static void CheckName(string path, string name, FieldErrors errors)
    {
        if (name.Length == 0)
        {
            errors.Required(path, string.Empty);
        }
        else if (LabelRules.SubdomainProblems(name) is { Count: > 0 } problems)
        {
            errors.Invalid(path, FieldErrors.Quote(name), string.Join(",", problems));
        }
        else if (name.Split('.').Length < 3)
        {
            errors.Invalid(path, FieldErrors.Quote(name), "should be a domain with at least three segments separated by dots");
        }
    }

    private static void OneOf(JsonObject hook, string field, string[] supported, string at, FieldErrors errors)
    {
        if (JsonFields.String(hook, field) is { } value && !supported.Contains(value, StringComparer.Ordinal))
        {
            errors.NotSupported($"{at}.{field}", value, supported);
        }
    }

    private static void CheckReviewVersions(string path, JsonArray? versions, FieldErrors errors)
    {
        if (versions is null || versions.Count == 0)
        {
            errors.Required(path, "must specify one of " + string.Join(", ", ReviewVersions));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var accepted = false;
        for (var i = 0; i < versions.Count; i++)
        {
            var version = versions[i] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
            if (!seen.Add(version))
            {
                errors.Invalid($"{path}[{i}]", FieldErrors.Quote(version), "duplicate version");
                continue;
            }

            accepted |= ReviewVersions.Contains(version, StringComparer.Ordinal);
        }

        if (!accepted)
        {
            errors.Invalid(path, "[]string{" + string.Join(", ", versions.Select(v => FieldErrors.Quote(v?.ToString() ?? string.Empty))) + "}",
                "must include at least one of " + string.Join(", ", ReviewVersions));
        }
    }
}
