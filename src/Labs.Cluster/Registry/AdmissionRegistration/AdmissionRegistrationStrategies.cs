using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.AdmissionRegistration;

/// <summary>
/// admissionregistration.k8s.io/v1: webhook configurations and ValidatingAdmissionPolicies with their bindings. They
/// are stored and printed as on a real cluster; the embedded cluster calls no webhooks and evaluates no CEL policies
/// (a lab can teach how they are written and bound, not their effect).
/// </summary>
internal static class AdmissionRegistrationStrategies
{
    private const string Group = "admissionregistration.k8s.io";
    private static readonly string[] ApiExtensions = ["api-extensions"];

    /// <summary>The registry entry of <c>mutatingwebhookconfigurations</c>.</summary>
    public static ResourceStrategy MutatingWebhooks { get; } = Webhooks("mutatingwebhookconfigurations", "MutatingWebhookConfiguration");

    /// <summary>The registry entry of <c>validatingwebhookconfigurations</c>.</summary>
    public static ResourceStrategy ValidatingWebhooks { get; } = Webhooks("validatingwebhookconfigurations", "ValidatingWebhookConfiguration");

    /// <summary>The registry entry of <c>validatingadmissionpolicies</c>.</summary>
    public static ResourceStrategy Policies { get; } = new(new ResourceDefinition(
        Group, "v1", "validatingadmissionpolicies", "validatingadmissionpolicy", "ValidatingAdmissionPolicy", false, [], ApiExtensions,
        ResourceDefinition.AllVerbs, ["status"]))
    {
        TracksGeneration = true,
        Defaults = obj =>
        {
            if (obj["spec"] is JsonObject spec)
            {
                spec["failurePolicy"] ??= "Fail";
            }
        },
        Columns =
        [
            NameColumn,
            Col("Validations", "integer", (o, _) => Count(At(o, "spec.validations")),
                description: "Validations indicates the number of validation rules defined in this configuration"),
            Col("ParamKind", "string", (o, _) => At(o, "spec.paramKind") is JsonObject ? $"{S(o, "spec.paramKind.apiVersion")}/{S(o, "spec.paramKind.kind")}" : "<unset>",
                description: "ParamKind specifies the kind of resources used to parameterize this policy"),
            AgeColumn,
        ],
    };

    /// <summary>The registry entry of <c>validatingadmissionpolicybindings</c>.</summary>
    public static ResourceStrategy PolicyBindings { get; } = new(new ResourceDefinition(
        Group, "v1", "validatingadmissionpolicybindings", "validatingadmissionpolicybinding", "ValidatingAdmissionPolicyBinding", false, [], ApiExtensions,
        ResourceDefinition.AllVerbs, []))
    {
        TracksGeneration = true,
        Columns =
        [
            NameColumn,
            Col("PolicyName", "string", (o, _) => S(o, "spec.policyName"), description: "PolicyName indicates the policy definition which the policy binding binded to"),
            Col("ParamRef", "string", (o, _) => ParamRef(o), description: "ParamRef indicates the param resource which sets the configration param"),
            AgeColumn,
        ],
    };

    private static ResourceStrategy Webhooks(string plural, string kind) => new(new ResourceDefinition(
        Group, "v1", plural, plural.TrimEnd('s'), kind, false, [], ApiExtensions, ResourceDefinition.AllVerbs, []))
    {
        TracksGeneration = true,
        Defaults = obj => WebhookRules.Default(obj, mutating: kind.StartsWith("Mutating", StringComparison.Ordinal)),
        Validate = (obj, errors) => WebhookRules.Validate(obj, errors, mutating: kind.StartsWith("Mutating", StringComparison.Ordinal)),
        Columns =
        [
            NameColumn,
            Col("Webhooks", "integer", (o, _) => Count(At(o, "webhooks")), description: "Webhooks indicates the number of webhooks registered in this configuration"),
            AgeColumn,
        ],
    };

    private static string ParamRef(JsonObject binding)
    {
        if (At(binding, "spec.paramRef") is not JsonObject)
        {
            return "<unset>";
        }

        var name = S(binding, "spec.paramRef.name") is { Length: > 0 } n ? n : "*";
        return S(binding, "spec.paramRef.namespace") is { Length: > 0 } ns ? $"{ns}/{name}" : name;
    }
}
