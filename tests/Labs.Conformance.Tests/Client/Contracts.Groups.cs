using k8s;
using k8s.Models;

namespace Labs.Conformance.Tests.Client;

public static partial class Contracts
{
    private const string Rbac = "rbac.authorization.k8s.io";

    private static V1PodTemplateSpec Template() => new() { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "contract" } }, Spec = new V1PodSpec { Containers = Containers() } };

    private static V1LabelSelector Selector() => new() { MatchLabels = new Dictionary<string, string> { ["app"] = "contract" } };

    private static List<V1PolicyRule> Rules() => [new V1PolicyRule { ApiGroups = [""], Resources = ["pods"], Verbs = ["get", "list"] }];

    private static KindContract[]? s_all;

    private static readonly KindContract[] s_groups =
    [
        new KindContractOf<V1Deployment, V1DeploymentList>
        {
            Group = "apps", Plural = "deployments", KindName = "Deployment", Namespaced = true,
            Manifest = (ns, name) => new V1Deployment { ApiVersion = "apps/v1", Kind = "Deployment", Metadata = Meta(name, ns), Spec = new V1DeploymentSpec { Replicas = 1, Selector = Selector(), Template = Template() } },
            Create = (k, o, ns, c) => k.AppsV1.CreateNamespacedDeploymentAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.AppsV1.ReadNamespacedDeploymentAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.AppsV1.ListNamespacedDeploymentAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.AppsV1.WatchListNamespacedDeploymentAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.AppsV1.PatchNamespacedDeploymentAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.AppsV1.DeleteNamespacedDeploymentAsync(n, ns, cancellationToken: c),
        },
        new KindContractOf<V1ReplicaSet, V1ReplicaSetList>
        {
            Group = "apps", Plural = "replicasets", KindName = "ReplicaSet", Namespaced = true,
            Manifest = (ns, name) => new V1ReplicaSet { ApiVersion = "apps/v1", Kind = "ReplicaSet", Metadata = Meta(name, ns), Spec = new V1ReplicaSetSpec { Replicas = 1, Selector = Selector(), Template = Template() } },
            Create = (k, o, ns, c) => k.AppsV1.CreateNamespacedReplicaSetAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.AppsV1.ReadNamespacedReplicaSetAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.AppsV1.ListNamespacedReplicaSetAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.AppsV1.WatchListNamespacedReplicaSetAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.AppsV1.PatchNamespacedReplicaSetAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.AppsV1.DeleteNamespacedReplicaSetAsync(n, ns, cancellationToken: c),
        },
        new KindContractOf<V1Role, V1RoleList>
        {
            Group = Rbac, Plural = "roles", KindName = "Role", Namespaced = true,
            Manifest = (ns, name) => new V1Role { ApiVersion = $"{Rbac}/v1", Kind = "Role", Metadata = Meta(name, ns), Rules = Rules() },
            Create = (k, o, ns, c) => k.RbacAuthorizationV1.CreateNamespacedRoleAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.RbacAuthorizationV1.ReadNamespacedRoleAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.RbacAuthorizationV1.ListNamespacedRoleAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.RbacAuthorizationV1.WatchListNamespacedRoleAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.RbacAuthorizationV1.PatchNamespacedRoleAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.RbacAuthorizationV1.DeleteNamespacedRoleAsync(n, ns, cancellationToken: c),
        },
        new KindContractOf<V1RoleBinding, V1RoleBindingList>
        {
            Group = Rbac, Plural = "rolebindings", KindName = "RoleBinding", Namespaced = true,
            Manifest = (ns, name) => new V1RoleBinding
            {
                ApiVersion = $"{Rbac}/v1", Kind = "RoleBinding", Metadata = Meta(name, ns),
                RoleRef = new V1RoleRef { ApiGroup = Rbac, Kind = "ClusterRole", Name = "view" },
                Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "default", NamespaceProperty = ns }],
            },
            Create = (k, o, ns, c) => k.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.RbacAuthorizationV1.ListNamespacedRoleBindingAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.RbacAuthorizationV1.WatchListNamespacedRoleBindingAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.RbacAuthorizationV1.PatchNamespacedRoleBindingAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.RbacAuthorizationV1.DeleteNamespacedRoleBindingAsync(n, ns, cancellationToken: c),
        },
        new KindContractOf<V1ClusterRole, V1ClusterRoleList>
        {
            Group = Rbac, Plural = "clusterroles", KindName = "ClusterRole", Namespaced = false,
            Manifest = (_, name) => new V1ClusterRole { ApiVersion = $"{Rbac}/v1", Kind = "ClusterRole", Metadata = Meta(name), Rules = Rules() },
            Create = (k, o, _, c) => k.RbacAuthorizationV1.CreateClusterRoleAsync(o, cancellationToken: c),
            Read = (k, _, n, c) => k.RbacAuthorizationV1.ReadClusterRoleAsync(n, cancellationToken: c),
            List = (k, _, c) => k.RbacAuthorizationV1.ListClusterRoleAsync(cancellationToken: c),
            Watch = (k, _, f, c) => k.RbacAuthorizationV1.WatchListClusterRoleAsync(fieldSelector: f, cancellationToken: c),
            Patch = (k, p, _, n, c) => k.RbacAuthorizationV1.PatchClusterRoleAsync(p, n, cancellationToken: c),
            Delete = async (k, _, n, c) => await k.RbacAuthorizationV1.DeleteClusterRoleAsync(n, cancellationToken: c),
        },
        new KindContractOf<V1ClusterRoleBinding, V1ClusterRoleBindingList>
        {
            Group = Rbac, Plural = "clusterrolebindings", KindName = "ClusterRoleBinding", Namespaced = false,
            Manifest = (_, name) => new V1ClusterRoleBinding
            {
                ApiVersion = $"{Rbac}/v1", Kind = "ClusterRoleBinding", Metadata = Meta(name),
                RoleRef = new V1RoleRef { ApiGroup = Rbac, Kind = "ClusterRole", Name = "view" },
                Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "default", NamespaceProperty = "default" }],
            },
            Create = (k, o, _, c) => k.RbacAuthorizationV1.CreateClusterRoleBindingAsync(o, cancellationToken: c),
            Read = (k, _, n, c) => k.RbacAuthorizationV1.ReadClusterRoleBindingAsync(n, cancellationToken: c),
            List = (k, _, c) => k.RbacAuthorizationV1.ListClusterRoleBindingAsync(cancellationToken: c),
            Watch = (k, _, f, c) => k.RbacAuthorizationV1.WatchListClusterRoleBindingAsync(fieldSelector: f, cancellationToken: c),
            Patch = (k, p, _, n, c) => k.RbacAuthorizationV1.PatchClusterRoleBindingAsync(p, n, cancellationToken: c),
            Delete = async (k, _, n, c) => await k.RbacAuthorizationV1.DeleteClusterRoleBindingAsync(n, cancellationToken: c),
        },
    ];

    /// <summary>Every contract, one per kind.</summary>
    // Computed on first use: the static fields of a partial class in several files are initialised in no promised order.
    public static IReadOnlyList<KindContract> All => s_all ??=
        [.. s_core, .. s_coreControllers, .. s_storage, .. s_groups, .. s_workloads, .. s_networking, .. s_policy, .. s_reviews, .. s_extensions];

    /// <summary>xunit's data for a theory over <see cref="All"/>.</summary>
    public static TheoryData<string> Kinds => [.. All.Select(c => c.ToString())];
}
