using k8s;
using k8s.Models;

namespace Labs.Conformance.Tests.Client;

public static partial class Contracts
{
    private const string ContractGroup = "contracts.labs.dev";

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
