using k8s.Models;

namespace Labs.Sessions;

/// <summary>What keeps learners apart beyond RBAC: the network policy of their namespace and the cluster views a lab grants.</summary>
internal static class IsolationManifests
{
    /// <summary>Name of the NetworkPolicy every learner namespace gets.</summary>
    public const string NetworkPolicyName = "labs-isolation";

    /// <summary>The API group of each cluster-scoped resource a lab may ask to read (<c>clusterViews</c>).</summary>
    private static readonly Dictionary<string, string> s_viewGroups = new(StringComparer.Ordinal)
    {
        ["nodes"] = "", ["namespaces"] = "", ["persistentvolumes"] = "",
        ["storageclasses"] = "storage.k8s.io", ["csidrivers"] = "storage.k8s.io",
        ["ingressclasses"] = "networking.k8s.io", ["priorityclasses"] = "scheduling.k8s.io",
        ["runtimeclasses"] = "node.k8s.io", ["customresourcedefinitions"] = "apiextensions.k8s.io",
    };

    /// <summary>
    /// Default deny of ingress from anywhere but the namespace itself and the session's own toolbox (a pod of the
    /// platform's namespace): pods of other learners (and of anything else in the cluster) cannot reach this learner's
    /// pods, while the learner's own pods and terminal reach them as a lab expects.
    /// </summary>
    public static V1NetworkPolicy NetworkPolicy(string ns, string systemNamespace, string sessionId) => new()
    {
        ApiVersion = "networking.k8s.io/v1",
        Kind = "NetworkPolicy",
        Metadata = new V1ObjectMeta { Name = NetworkPolicyName, NamespaceProperty = ns, Labels = ManagedBy() },
        Spec = new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector(),
            PolicyTypes = ["Ingress"],
            Ingress =
            [
                new V1NetworkPolicyIngressRule
                {
                    FromProperty =
                    [
                        new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector() },
                        new V1NetworkPolicyPeer
                        {
                            NamespaceSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = systemNamespace } },
                            PodSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { [LearnerManifests.SessionLabel] = sessionId } },
                        },
                    ],
                },
            ],
        },
    };

    /// <summary>The name of the ClusterRole and ClusterRoleBinding of a learner namespace's cluster views.</summary>
    public static string ViewName(string ns) => $"labs-view-{ns}";

    /// <summary>Read-only access (get, list, watch) to exactly the resources named, nothing else.</summary>
    /// <exception cref="ArgumentException">A name is not one labs may ask for.</exception>
    public static V1ClusterRole ViewRole(string ns, string sessionId, IReadOnlyList<string> views) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "ClusterRole",
        Metadata = new V1ObjectMeta { Name = ViewName(ns), Labels = ManagedBy(sessionId) },
        Rules = [.. views.Distinct(StringComparer.Ordinal).GroupBy(GroupOf, StringComparer.Ordinal).Select(g => new V1PolicyRule
        {
            ApiGroups = [g.Key],
            Resources = [.. g],
            Verbs = ["get", "list", "watch"],
        })],
    };

    public static V1ClusterRoleBinding ViewBinding(string ns, string sessionId) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "ClusterRoleBinding",
        Metadata = new V1ObjectMeta { Name = ViewName(ns), Labels = ManagedBy(sessionId) },
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = ViewName(ns) },
        Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = LearnerManifests.LearnerName, NamespaceProperty = ns }],
    };

    private static string GroupOf(string resource) =>
        s_viewGroups.TryGetValue(resource, out var group)
            ? group
            : throw new ArgumentException($"'{resource}' is not a cluster view a lab may ask for; these are: {string.Join(", ", s_viewGroups.Keys)}.", nameof(resource));

    private static Dictionary<string, string> ManagedBy(string? sessionId = null)
    {
        var labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "labs" };
        if (sessionId is not null)
        {
            labels[LearnerManifests.SessionLabel] = sessionId;
        }

        return labels;
    }
}
