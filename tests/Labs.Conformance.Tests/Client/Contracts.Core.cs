using System.Text;
using k8s;
using k8s.Models;

namespace Labs.Conformance.Tests.Client;

/// <summary>The client's typed calls for every kind the embedded cluster serves.</summary>
public static partial class Contracts
{
    private static V1ObjectMeta Meta(string name, string? ns = null) => new() { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string> { ["app"] = "contract" } };

    private static List<V1Container> Containers() =>
        [new V1Container { Name = "main", Image = "busybox", Command = ["sleep", "3600"], Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("64Mi") } } }];

    private static readonly KindContract[] s_core =
    [
        new KindContractOf<V1Namespace, V1NamespaceList>
        {
            Group = "", Plural = "namespaces", KindName = "Namespace", Namespaced = false,
            Manifest = (_, name) => new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = Meta(name) },
            Create = (k, o, _, c) => k.CoreV1.CreateNamespaceAsync(o, cancellationToken: c),
            Read = (k, _, n, c) => k.CoreV1.ReadNamespaceAsync(n, cancellationToken: c),
            List = (k, _, c) => k.CoreV1.ListNamespaceAsync(cancellationToken: c),
            Watch = (k, _, f, c) => k.CoreV1.WatchListNamespaceAsync(fieldSelector: f, cancellationToken: c),
            Patch = (k, p, _, n, c) => k.CoreV1.PatchNamespaceAsync(p, n, cancellationToken: c),
            Delete = async (k, _, n, c) => await k.CoreV1.DeleteNamespaceAsync(n, cancellationToken: c),
        },
        new KindContractOf<V1Pod, V1PodList>
        {
            Group = "", Plural = "pods", KindName = "Pod", Namespaced = true,
            Manifest = (ns, name) => new V1Pod { ApiVersion = "v1", Kind = "Pod", Metadata = Meta(name, ns), Spec = new V1PodSpec { Containers = Containers() } },
            Create = (k, o, ns, c) => k.CoreV1.CreateNamespacedPodAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.CoreV1.ReadNamespacedPodAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.CoreV1.WatchListNamespacedPodAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.CoreV1.PatchNamespacedPodAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.CoreV1.DeleteNamespacedPodAsync(n, ns, cancellationToken: c),
        },
        new KindContractOf<V1ConfigMap, V1ConfigMapList>
        {
            Group = "", Plural = "configmaps", KindName = "ConfigMap", Namespaced = true,
            Manifest = (ns, name) => new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = Meta(name, ns), Data = new Dictionary<string, string> { ["mode"] = "fast" } },
            Create = (k, o, ns, c) => k.CoreV1.CreateNamespacedConfigMapAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.CoreV1.ReadNamespacedConfigMapAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.CoreV1.ListNamespacedConfigMapAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.CoreV1.WatchListNamespacedConfigMapAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.CoreV1.PatchNamespacedConfigMapAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.CoreV1.DeleteNamespacedConfigMapAsync(n, ns, cancellationToken: c),
        },
        new KindContractOf<V1Secret, V1SecretList>
        {
            Group = "", Plural = "secrets", KindName = "Secret", Namespaced = true,
            Manifest = (ns, name) => new V1Secret { ApiVersion = "v1", Kind = "Secret", Metadata = Meta(name, ns), Type = "Opaque", Data = new Dictionary<string, byte[]> { ["token"] = Encoding.UTF8.GetBytes("s3cret") } },
            Create = (k, o, ns, c) => k.CoreV1.CreateNamespacedSecretAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.CoreV1.ReadNamespacedSecretAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.CoreV1.ListNamespacedSecretAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.CoreV1.WatchListNamespacedSecretAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.CoreV1.PatchNamespacedSecretAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.CoreV1.DeleteNamespacedSecretAsync(n, ns, cancellationToken: c),
        },
        new KindContractOf<V1Service, V1ServiceList>
        {
            Group = "", Plural = "services", KindName = "Service", Namespaced = true,
            Manifest = (ns, name) => new V1Service
            {
                ApiVersion = "v1", Kind = "Service", Metadata = Meta(name, ns),
                Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "contract" }, Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = 8080, Protocol = "TCP" }] },
            },
            Create = (k, o, ns, c) => k.CoreV1.CreateNamespacedServiceAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.CoreV1.ReadNamespacedServiceAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.CoreV1.ListNamespacedServiceAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.CoreV1.WatchListNamespacedServiceAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.CoreV1.PatchNamespacedServiceAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.CoreV1.DeleteNamespacedServiceAsync(n, ns, cancellationToken: c),
        },
        new KindContractOf<V1ServiceAccount, V1ServiceAccountList>
        {
            Group = "", Plural = "serviceaccounts", KindName = "ServiceAccount", Namespaced = true,
            Manifest = (ns, name) => new V1ServiceAccount { ApiVersion = "v1", Kind = "ServiceAccount", Metadata = Meta(name, ns) },
            Create = (k, o, ns, c) => k.CoreV1.CreateNamespacedServiceAccountAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.CoreV1.ReadNamespacedServiceAccountAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.CoreV1.ListNamespacedServiceAccountAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.CoreV1.WatchListNamespacedServiceAccountAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.CoreV1.PatchNamespacedServiceAccountAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.CoreV1.DeleteNamespacedServiceAccountAsync(n, ns, cancellationToken: c),
        },
        new KindContractOf<V1Node, V1NodeList>
        {
            Group = "", Plural = "nodes", KindName = "Node", Namespaced = false,
            Manifest = (_, name) => new V1Node { ApiVersion = "v1", Kind = "Node", Metadata = Meta(name), Spec = new V1NodeSpec { Unschedulable = true } },
            Create = (k, o, _, c) => k.CoreV1.CreateNodeAsync(o, cancellationToken: c),
            Read = (k, _, n, c) => k.CoreV1.ReadNodeAsync(n, cancellationToken: c),
            List = (k, _, c) => k.CoreV1.ListNodeAsync(cancellationToken: c),
            Watch = (k, _, f, c) => k.CoreV1.WatchListNodeAsync(fieldSelector: f, cancellationToken: c),
            Patch = (k, p, _, n, c) => k.CoreV1.PatchNodeAsync(p, n, cancellationToken: c),
            Delete = async (k, _, n, c) => await k.CoreV1.DeleteNodeAsync(n, cancellationToken: c),
        },
        new KindContractOf<Corev1Event, Corev1EventList>
        {
            Group = "", Plural = "events", KindName = "Event", Namespaced = true,
            Manifest = (ns, name) => new Corev1Event
            {
                ApiVersion = "v1", Kind = "Event", Metadata = Meta(name, ns), Reason = "Contract", Message = "checked by the client", Type = "Normal", Count = 1,
                InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "web", NamespaceProperty = ns, ApiVersion = "v1" },
                Source = new V1EventSource { Component = "contract-test" },
                FirstTimestamp = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc), LastTimestamp = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            },
            Create = (k, o, ns, c) => k.CoreV1.CreateNamespacedEventAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.CoreV1.ReadNamespacedEventAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.CoreV1.ListNamespacedEventAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.CoreV1.WatchListNamespacedEventAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.CoreV1.PatchNamespacedEventAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.CoreV1.DeleteNamespacedEventAsync(n, ns, cancellationToken: c),
        },
        new KindContractOf<V1ResourceQuota, V1ResourceQuotaList>
        {
            Group = "", Plural = "resourcequotas", KindName = "ResourceQuota", Namespaced = true,
            Manifest = (ns, name) => new V1ResourceQuota
            {
                ApiVersion = "v1", Kind = "ResourceQuota", Metadata = Meta(name, ns),
                Spec = new V1ResourceQuotaSpec { Hard = new Dictionary<string, ResourceQuantity> { ["pods"] = new("50"), ["limits.memory"] = new("8Gi") } },
            },
            Create = (k, o, ns, c) => k.CoreV1.CreateNamespacedResourceQuotaAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.CoreV1.ReadNamespacedResourceQuotaAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.CoreV1.ListNamespacedResourceQuotaAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.CoreV1.WatchListNamespacedResourceQuotaAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.CoreV1.PatchNamespacedResourceQuotaAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.CoreV1.DeleteNamespacedResourceQuotaAsync(n, ns, cancellationToken: c),
        },
        new KindContractOf<V1LimitRange, V1LimitRangeList>
        {
            Group = "", Plural = "limitranges", KindName = "LimitRange", Namespaced = true,
            Manifest = (ns, name) => new V1LimitRange
            {
                ApiVersion = "v1", Kind = "LimitRange", Metadata = Meta(name, ns),
                Spec = new V1LimitRangeSpec { Limits = [new V1LimitRangeItem { Type = "Container", Max = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("2") } }] },
            },
            Create = (k, o, ns, c) => k.CoreV1.CreateNamespacedLimitRangeAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.CoreV1.ReadNamespacedLimitRangeAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.CoreV1.ListNamespacedLimitRangeAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.CoreV1.WatchListNamespacedLimitRangeAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.CoreV1.PatchNamespacedLimitRangeAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.CoreV1.DeleteNamespacedLimitRangeAsync(n, ns, cancellationToken: c),
        },
    ];
}
