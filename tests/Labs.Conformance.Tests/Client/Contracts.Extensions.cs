using k8s;
using k8s.Models;

namespace Labs.Conformance.Tests.Client;

public static partial class Contracts
{
    private const string ContractGroup = "contracts.labs.dev";
    private const string Admission = "admissionregistration.k8s.io";

    private static readonly KindContract[] s_extensions =
    [
        new KindContractOf<V1CustomResourceDefinition, V1CustomResourceDefinitionList>
        {
            Group = "apiextensions.k8s.io", Plural = "customresourcedefinitions", KindName = "CustomResourceDefinition", Namespaced = false,
            ObjectName = name => $"{name}.{ContractGroup}",
            Manifest = (_, name) => Definition(name),
            Create = (k, o, _, c) => k.ApiextensionsV1.CreateCustomResourceDefinitionAsync(o, cancellationToken: c),
            Read = (k, _, n, c) => k.ApiextensionsV1.ReadCustomResourceDefinitionAsync(n, cancellationToken: c),
            List = (k, _, c) => k.ApiextensionsV1.ListCustomResourceDefinitionAsync(cancellationToken: c),
            Watch = (k, _, f, c) => k.ApiextensionsV1.WatchListCustomResourceDefinitionAsync(fieldSelector: f, cancellationToken: c),
            Patch = (k, p, _, n, c) => k.ApiextensionsV1.PatchCustomResourceDefinitionAsync(p, n, cancellationToken: c),
            Delete = async (k, _, n, c) => await k.ApiextensionsV1.DeleteCustomResourceDefinitionAsync(n, cancellationToken: c),
        },
        new KindContractOf<V1MutatingWebhookConfiguration, V1MutatingWebhookConfigurationList>
        {
            Group = Admission, Plural = "mutatingwebhookconfigurations", KindName = "MutatingWebhookConfiguration", Namespaced = false,
            Manifest = (_, name) => new V1MutatingWebhookConfiguration { ApiVersion = $"{Admission}/v1", Kind = "MutatingWebhookConfiguration", Metadata = Meta(name), Webhooks = [] },
            Create = (k, o, _, c) => k.AdmissionregistrationV1.CreateMutatingWebhookConfigurationAsync(o, cancellationToken: c),
            Read = (k, _, n, c) => k.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync(n, cancellationToken: c),
            List = (k, _, c) => k.AdmissionregistrationV1.ListMutatingWebhookConfigurationAsync(cancellationToken: c),
            Watch = (k, _, f, c) => k.AdmissionregistrationV1.WatchListMutatingWebhookConfigurationAsync(fieldSelector: f, cancellationToken: c),
            Patch = (k, p, _, n, c) => k.AdmissionregistrationV1.PatchMutatingWebhookConfigurationAsync(p, n, cancellationToken: c),
            Delete = async (k, _, n, c) => await k.AdmissionregistrationV1.DeleteMutatingWebhookConfigurationAsync(n, cancellationToken: c),
        },
        new KindContractOf<V1ValidatingWebhookConfiguration, V1ValidatingWebhookConfigurationList>
        {
            Group = Admission, Plural = "validatingwebhookconfigurations", KindName = "ValidatingWebhookConfiguration", Namespaced = false,
            Manifest = (_, name) => new V1ValidatingWebhookConfiguration { ApiVersion = $"{Admission}/v1", Kind = "ValidatingWebhookConfiguration", Metadata = Meta(name), Webhooks = [] },
            Create = (k, o, _, c) => k.AdmissionregistrationV1.CreateValidatingWebhookConfigurationAsync(o, cancellationToken: c),
            Read = (k, _, n, c) => k.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(n, cancellationToken: c),
            List = (k, _, c) => k.AdmissionregistrationV1.ListValidatingWebhookConfigurationAsync(cancellationToken: c),
            Watch = (k, _, f, c) => k.AdmissionregistrationV1.WatchListValidatingWebhookConfigurationAsync(fieldSelector: f, cancellationToken: c),
            Patch = (k, p, _, n, c) => k.AdmissionregistrationV1.PatchValidatingWebhookConfigurationAsync(p, n, cancellationToken: c),
            Delete = async (k, _, n, c) => await k.AdmissionregistrationV1.DeleteValidatingWebhookConfigurationAsync(n, cancellationToken: c),
        },
        new KindContractOf<V1ValidatingAdmissionPolicy, V1ValidatingAdmissionPolicyList>
        {
            Group = Admission, Plural = "validatingadmissionpolicies", KindName = "ValidatingAdmissionPolicy", Namespaced = false,
            Manifest = (_, name) => new V1ValidatingAdmissionPolicy
            {
                ApiVersion = $"{Admission}/v1", Kind = "ValidatingAdmissionPolicy", Metadata = Meta(name),
                Spec = new V1ValidatingAdmissionPolicySpec
                {
                    FailurePolicy = "Fail",
                    MatchConstraints = new V1MatchResources
                    {
                        ResourceRules = [new V1NamedRuleWithOperations { ApiGroups = ["apps"], ApiVersions = ["v1"], Operations = ["CREATE"], Resources = ["deployments"] }],
                    },
                    Validations = [new V1Validation { Expression = "object.spec.replicas <= 5" }],
                },
            },
            Create = (k, o, _, c) => k.AdmissionregistrationV1.CreateValidatingAdmissionPolicyAsync(o, cancellationToken: c),
            Read = (k, _, n, c) => k.AdmissionregistrationV1.ReadValidatingAdmissionPolicyAsync(n, cancellationToken: c),
            List = (k, _, c) => k.AdmissionregistrationV1.ListValidatingAdmissionPolicyAsync(cancellationToken: c),
            Watch = (k, _, f, c) => k.AdmissionregistrationV1.WatchListValidatingAdmissionPolicyAsync(fieldSelector: f, cancellationToken: c),
            Patch = (k, p, _, n, c) => k.AdmissionregistrationV1.PatchValidatingAdmissionPolicyAsync(p, n, cancellationToken: c),
            Delete = async (k, _, n, c) => await k.AdmissionregistrationV1.DeleteValidatingAdmissionPolicyAsync(n, cancellationToken: c),
        },
        new KindContractOf<V1ValidatingAdmissionPolicyBinding, V1ValidatingAdmissionPolicyBindingList>
        {
            Group = Admission, Plural = "validatingadmissionpolicybindings", KindName = "ValidatingAdmissionPolicyBinding", Namespaced = false,
            Manifest = (_, name) => new V1ValidatingAdmissionPolicyBinding
            {
                ApiVersion = $"{Admission}/v1", Kind = "ValidatingAdmissionPolicyBinding", Metadata = Meta(name),
                Spec = new V1ValidatingAdmissionPolicyBindingSpec { PolicyName = "replicas-limit", ValidationActions = ["Deny"] },
            },
            Create = (k, o, _, c) => k.AdmissionregistrationV1.CreateValidatingAdmissionPolicyBindingAsync(o, cancellationToken: c),
            Read = (k, _, n, c) => k.AdmissionregistrationV1.ReadValidatingAdmissionPolicyBindingAsync(n, cancellationToken: c),
            List = (k, _, c) => k.AdmissionregistrationV1.ListValidatingAdmissionPolicyBindingAsync(cancellationToken: c),
            Watch = (k, _, f, c) => k.AdmissionregistrationV1.WatchListValidatingAdmissionPolicyBindingAsync(fieldSelector: f, cancellationToken: c),
            Patch = (k, p, _, n, c) => k.AdmissionregistrationV1.PatchValidatingAdmissionPolicyBindingAsync(p, n, cancellationToken: c),
            Delete = async (k, _, n, c) => await k.AdmissionregistrationV1.DeleteValidatingAdmissionPolicyBindingAsync(n, cancellationToken: c),
        },
        new KindContractOf<Eventsv1Event, Eventsv1EventList>
        {
            Group = "events.k8s.io", Plural = "events", KindName = "Event", Namespaced = true,
            Manifest = (ns, name) => new Eventsv1Event
            {
                ApiVersion = "events.k8s.io/v1", Kind = "Event", Metadata = Meta(name, ns),
                EventTime = DateTime.UtcNow, Reason = "Tested", Note = "a contract test", Type = "Normal", Action = "Testing",
                ReportingController = "labs.dev/contracts", ReportingInstance = "contracts-1",
                Regarding = new V1ObjectReference { Kind = "Pod", Name = "somewhere", NamespaceProperty = ns, ApiVersion = "v1" },
            },
            Create = (k, o, ns, c) => k.EventsV1.CreateNamespacedEventAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.EventsV1.ReadNamespacedEventAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.EventsV1.ListNamespacedEventAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.EventsV1.WatchListNamespacedEventAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.EventsV1.PatchNamespacedEventAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.EventsV1.DeleteNamespacedEventAsync(n, ns, cancellationToken: c),
        },
    ];

    // A definition named plural.group whose plural is the contract's fresh name (contract-1a2b3c4d).
    private static V1CustomResourceDefinition Definition(string name)
    {
        var plural = name.Split('.')[0];
        var kind = "Contract" + plural["contract-".Length..];
        return new V1CustomResourceDefinition
        {
            ApiVersion = "apiextensions.k8s.io/v1",
            Kind = "CustomResourceDefinition",
            Metadata = Meta(name),
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = ContractGroup,
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames { Plural = plural, Kind = kind },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = "v1", Served = true, Storage = true,
                        Schema = new V1CustomResourceValidation
                        {
                            OpenAPIV3Schema = new V1JSONSchemaProps
                            {
                                Type = "object",
                                Properties = new Dictionary<string, V1JSONSchemaProps>
                                {
                                    ["spec"] = new() { Type = "object", XKubernetesPreserveUnknownFields = true },
                                },
                            },
                        },
                    },
                ],
            },
        };
    }
}
