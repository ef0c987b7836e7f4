using System.Text.Json.Nodes;
using Labs.Cluster.Registry;
using Labs.Cluster.Storage;

namespace Labs.Cluster;

/// <summary>
/// What a fresh kubeadm or kind cluster already holds before anyone writes: its namespaces, the <c>kubernetes</c> Service, a default StorageClass and
/// the two system PriorityClasses. Written through the registry like any other object.
/// </summary>
internal static class ClusterSeeds
{
    /// <summary>
    /// Creates the seed objects in a new cluster's store. A store kept from an earlier run already has them, or what
    /// its users made of them (a deleted StorageClass stays deleted).
    /// </summary>
    public static void CreateIfNew(RegistryStore store)
    {
        if (store.List(new GroupResource(string.Empty, "namespaces"), null).Items.Count > 0)
        {
            return;
        }

        foreach (var name in (string[])["default", "kube-system", "kube-public", "kube-node-lease"])
        {
            store.Create(new GroupResource(string.Empty, "namespaces"), null, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject { ["name"] = name },
            });
        }

        // The API server's own service, which kube-apiserver keeps in the default namespace (the first address of the
        // service range, HTTPS to the API server's port).
        store.Create(new GroupResource(string.Empty, "services"), "default", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject
            {
                ["name"] = "kubernetes",
                ["namespace"] = "default",
                ["labels"] = new JsonObject { ["component"] = "apiserver", ["provider"] = "kubernetes" },
            },
            ["spec"] = new JsonObject
            {
                ["clusterIP"] = "10.96.0.1",
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["port"] = 443, ["protocol"] = "TCP", ["targetPort"] = 6443 }),
            },
        });

        // The cluster DNS Service, as kubeadm creates it for CoreDNS: the embedded cluster answers its address itself
        // (Workloads/Network/ClusterDns), so it has no pods behind it; the Service is there for kubectl and for
        // NetworkPolicies that name it.
        store.Create(new GroupResource(string.Empty, "services"), "kube-system", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject
            {
                ["name"] = "kube-dns",
                ["namespace"] = "kube-system",
                ["labels"] = new JsonObject { ["k8s-app"] = "kube-dns", ["kubernetes.io/cluster-service"] = "true", ["kubernetes.io/name"] = "CoreDNS" },
            },
            ["spec"] = new JsonObject
            {
                ["clusterIP"] = Workloads.Network.ClusterDns.ServerAddress,
                ["selector"] = new JsonObject { ["k8s-app"] = "kube-dns" },
                ["ports"] = new JsonArray(
                    new JsonObject { ["name"] = "dns", ["port"] = 53, ["protocol"] = "UDP", ["targetPort"] = 53 },
                    new JsonObject { ["name"] = "dns-tcp", ["port"] = 53, ["protocol"] = "TCP", ["targetPort"] = 53 },
                    new JsonObject { ["name"] = "metrics", ["port"] = 9153, ["protocol"] = "TCP", ["targetPort"] = 9153 }),
            },
        });

        // kind's default class: claims that name none are provisioned on the node's disk when a pod first uses them.
        store.Create(new GroupResource("storage.k8s.io", "storageclasses"), null, new JsonObject
        {
            ["apiVersion"] = "storage.k8s.io/v1",
            ["kind"] = "StorageClass",
            ["metadata"] = new JsonObject
            {
                ["name"] = "standard",
                ["annotations"] = new JsonObject { [Registry.StorageApi.StorageStrategies.DefaultClassAnnotation] = "true" },
            },
            ["provisioner"] = "rancher.io/local-path",
            ["reclaimPolicy"] = "Delete",
            ["volumeBindingMode"] = "WaitForFirstConsumer",
        });

        foreach (var (name, value, description) in new (string, int, string)[]
        {
            ("system-cluster-critical", 2000000000, "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."),
            ("system-node-critical", 2000001000, "Used for system critical pods that must not be moved from their current node."),
        })
        {
            store.Create(new GroupResource("scheduling.k8s.io", "priorityclasses"), null, new JsonObject
            {
                ["apiVersion"] = "scheduling.k8s.io/v1",
                ["kind"] = "PriorityClass",
                ["metadata"] = new JsonObject { ["name"] = name },
                ["value"] = value,
                ["description"] = description,
            });
        }
    }
}
