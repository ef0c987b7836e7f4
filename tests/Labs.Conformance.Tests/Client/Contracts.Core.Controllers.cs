using k8s;
using k8s.Models;

namespace Labs.Conformance.Tests.Client;

public static partial class Contracts
{
    private static readonly KindContract[] s_coreControllers =
    [
        new KindContractOf<V1ReplicationController, V1ReplicationControllerList>
        {
            Group = "", Plural = "replicationcontrollers", KindName = "ReplicationController", Namespaced = true,
            Manifest = (ns, name) => new V1ReplicationController
            {
                ApiVersion = "v1", Kind = "ReplicationController", Metadata = Meta(name, ns),
                Spec = new V1ReplicationControllerSpec { Replicas = 1, Selector = new Dictionary<string, string> { ["app"] = "contract" }, Template = Template() },
            },
            Create = (k, o, ns, c) => k.CoreV1.CreateNamespacedReplicationControllerAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.CoreV1.ReadNamespacedReplicationControllerAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.CoreV1.ListNamespacedReplicationControllerAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.CoreV1.WatchListNamespacedReplicationControllerAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.CoreV1.PatchNamespacedReplicationControllerAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.CoreV1.DeleteNamespacedReplicationControllerAsync(n, ns, cancellationToken: c),
        },
        new KindContractOf<V1PodTemplate, V1PodTemplateList>
        {
            Group = "", Plural = "podtemplates", KindName = "PodTemplate", Namespaced = true,
            Manifest = (ns, name) => new V1PodTemplate { ApiVersion = "v1", Kind = "PodTemplate", Metadata = Meta(name, ns), Template = Template() },
            Create = (k, o, ns, c) => k.CoreV1.CreateNamespacedPodTemplateAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.CoreV1.ReadNamespacedPodTemplateAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.CoreV1.ListNamespacedPodTemplateAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.CoreV1.WatchListNamespacedPodTemplateAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.CoreV1.PatchNamespacedPodTemplateAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.CoreV1.DeleteNamespacedPodTemplateAsync(n, ns, cancellationToken: c),
        },
        new KindContractOf<V1Endpoints, V1EndpointsList>
        {
            Group = "", Plural = "endpoints", KindName = "Endpoints", Namespaced = true,
            Manifest = (ns, name) => new V1Endpoints
            {
                ApiVersion = "v1", Kind = "Endpoints", Metadata = Meta(name, ns),
                Subsets =
                [
                    new V1EndpointSubset
                    {
                        Addresses = [new V1EndpointAddress { Ip = "10.244.0.5", TargetRef = new V1ObjectReference { Kind = "Pod", Name = "web-0", NamespaceProperty = ns } }],
                        Ports = [new Corev1EndpointPort { Name = "http", Port = 8080, Protocol = "TCP" }],
                    },
                ],
            },
            Create = (k, o, ns, c) => k.CoreV1.CreateNamespacedEndpointsAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.CoreV1.ReadNamespacedEndpointsAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.CoreV1.ListNamespacedEndpointsAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.CoreV1.WatchListNamespacedEndpointsAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.CoreV1.PatchNamespacedEndpointsAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.CoreV1.DeleteNamespacedEndpointsAsync(n, ns, cancellationToken: c),
        },
    ];
}
