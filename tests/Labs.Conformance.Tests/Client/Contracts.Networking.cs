using k8s;
using k8s.Models;

namespace Labs.Conformance.Tests.Client;

public static partial class Contracts
{
    private const string Networking = "networking.k8s.io";

    private static readonly KindContract[] s_networking =
    [
        new KindContractOf<V1Ingress, V1IngressList>
        {
            Group = Networking, Plural = "ingresses", KindName = "Ingress", Namespaced = true,
            Manifest = (ns, name) => new V1Ingress
            {
                ApiVersion = $"{Networking}/v1", Kind = "Ingress", Metadata = Meta(name, ns),
                Spec = new V1IngressSpec
                {
                    IngressClassName = "nginx",
                    Rules =
                    [
                        new V1IngressRule
                        {
                            Host = "shop.example.com",
                            Http = new V1HTTPIngressRuleValue
                            {
                                Paths = [new V1HTTPIngressPath { Path = "/", PathType = "Prefix", Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "web", Port = new V1ServiceBackendPort { Number = 80 } } } }],
                            },
                        },
                    ],
                },
            },
            Create = (k, o, ns, c) => k.NetworkingV1.CreateNamespacedIngressAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.NetworkingV1.ReadNamespacedIngressAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.NetworkingV1.ListNamespacedIngressAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.NetworkingV1.WatchListNamespacedIngressAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.NetworkingV1.PatchNamespacedIngressAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.NetworkingV1.DeleteNamespacedIngressAsync(n, ns, cancellationToken: c),
        },
        new KindContractOf<V1IngressClass, V1IngressClassList>
        {
            Group = Networking, Plural = "ingressclasses", KindName = "IngressClass", Namespaced = false,
            Manifest = (_, name) => new V1IngressClass { ApiVersion = $"{Networking}/v1", Kind = "IngressClass", Metadata = Meta(name), Spec = new V1IngressClassSpec { Controller = "example.com/ingress-controller" } },
            Create = (k, o, _, c) => k.NetworkingV1.CreateIngressClassAsync(o, cancellationToken: c),
            Read = (k, _, n, c) => k.NetworkingV1.ReadIngressClassAsync(n, cancellationToken: c),
            List = (k, _, c) => k.NetworkingV1.ListIngressClassAsync(cancellationToken: c),
            Watch = (k, _, f, c) => k.NetworkingV1.WatchListIngressClassAsync(fieldSelector: f, cancellationToken: c),
            Patch = (k, p, _, n, c) => k.NetworkingV1.PatchIngressClassAsync(p, n, cancellationToken: c),
            Delete = async (k, _, n, c) => await k.NetworkingV1.DeleteIngressClassAsync(n, cancellationToken: c),
        },
        new KindContractOf<V1NetworkPolicy, V1NetworkPolicyList>
        {
            Group = Networking, Plural = "networkpolicies", KindName = "NetworkPolicy", Namespaced = true,
            Manifest = (ns, name) => new V1NetworkPolicy
            {
                ApiVersion = $"{Networking}/v1", Kind = "NetworkPolicy", Metadata = Meta(name, ns),
                Spec = new V1NetworkPolicySpec
                {
                    PodSelector = Selector(), PolicyTypes = ["Ingress"],
                    Ingress = [new V1NetworkPolicyIngressRule { FromProperty = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["role"] = "frontend" } } }], Ports = [new V1NetworkPolicyPort { Protocol = "TCP", Port = 8080 }] }],
                },
            },
            Create = (k, o, ns, c) => k.NetworkingV1.CreateNamespacedNetworkPolicyAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.NetworkingV1.ReadNamespacedNetworkPolicyAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.NetworkingV1.ListNamespacedNetworkPolicyAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.NetworkingV1.WatchListNamespacedNetworkPolicyAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.NetworkingV1.PatchNamespacedNetworkPolicyAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.NetworkingV1.DeleteNamespacedNetworkPolicyAsync(n, ns, cancellationToken: c),
        },
        new KindContractOf<V1EndpointSlice, V1EndpointSliceList>
        {
            Group = "discovery.k8s.io", Plural = "endpointslices", KindName = "EndpointSlice", Namespaced = true,
            Manifest = (ns, name) => new V1EndpointSlice
            {
                ApiVersion = "discovery.k8s.io/v1", Kind = "EndpointSlice", Metadata = Meta(name, ns), AddressType = "IPv4",
                Endpoints = [new V1Endpoint { Addresses = ["10.244.0.5"], Conditions = new V1EndpointConditions { Ready = true }, NodeName = "node-1" }],
                Ports = [new Discoveryv1EndpointPort { Name = "http", Port = 8080, Protocol = "TCP" }],
            },
            Create = (k, o, ns, c) => k.DiscoveryV1.CreateNamespacedEndpointSliceAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.DiscoveryV1.ReadNamespacedEndpointSliceAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.DiscoveryV1.ListNamespacedEndpointSliceAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.DiscoveryV1.WatchListNamespacedEndpointSliceAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.DiscoveryV1.PatchNamespacedEndpointSliceAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.DiscoveryV1.DeleteNamespacedEndpointSliceAsync(n, ns, cancellationToken: c),
        },
    ];
}
