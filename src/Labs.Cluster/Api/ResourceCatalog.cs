namespace Labs.Cluster.Api;

/// <summary>
/// The resource types the embedded cluster serves, with the discovery data a real API server publishes for them
/// (verbs, short names, categories, subresources). Routing, discovery, storage and tables all read this one list.
/// </summary>
public static class ResourceCatalog
{
    private static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    private static readonly string[] NamespaceVerbs = ["create", "delete", "get", "list", "patch", "update", "watch"];
    private static readonly string[] AllCategory = ["all"];

    private static readonly ResourceDefinition[] Definitions =
    [
        Core("namespaces", "namespace", "Namespace", false, ["ns"], [], ["status", "finalize"], NamespaceVerbs),
        Core("pods", "pod", "Pod", true, ["po"], AllCategory, ["status", "exec", "log"]),
        Core("configmaps", "configmap", "ConfigMap", true, ["cm"], [], []),
        Core("secrets", "secret", "Secret", true, [], [], []),
        Core("services", "service", "Service", true, ["svc"], AllCategory, ["status"]),
        Core("serviceaccounts", "serviceaccount", "ServiceAccount", true, ["sa"], [], ["token"]),
        Core("nodes", "node", "Node", false, ["no"], [], ["status"]),
        Core("events", "event", "Event", true, ["ev"], [], []),
        Core("resourcequotas", "resourcequota", "ResourceQuota", true, ["quota"], [], ["status"]),
        Core("limitranges", "limitrange", "LimitRange", true, ["limits"], [], []),
        Apps("deployments", "deployment", "Deployment", ["deploy"]),
        Apps("replicasets", "replicaset", "ReplicaSet", ["rs"]),
        Rbac("roles", "role", "Role", true),
        Rbac("rolebindings", "rolebinding", "RoleBinding", true),
        Rbac("clusterroles", "clusterrole", "ClusterRole", false),
        Rbac("clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", false),
    ];

    /// <summary>Every served resource type, core group first.</summary>
    public static IReadOnlyList<ResourceDefinition> All => Definitions;

    /// <summary>The resource type served at <c>/apis/{group}/{version}/{plural}</c> (group empty for <c>/api/v1</c>), or null.</summary>
    public static ResourceDefinition? Find(string group, string version, string plural)
    {
        foreach (var definition in Definitions)
        {
            if (definition.Group == group && definition.Version == version && definition.Plural == plural)
            {
                return definition;
            }
        }

        return null;
    }

    /// <summary>The resource type of objects with this <c>apiVersion</c> (e.g. <c>apps/v1</c>) and <c>kind</c>, or null.</summary>
    public static ResourceDefinition? FindByKind(string apiVersion, string kind)
    {
        foreach (var definition in Definitions)
        {
            if (definition.ApiVersion == apiVersion && definition.Kind == kind)
            {
                return definition;
            }
        }

        return null;
    }

    /// <summary>The served versions of each group, in discovery order (core group as the empty string).</summary>
    public static IReadOnlyList<(string Group, string Version)> GroupVersions { get; } =
        Definitions.Select(d => (d.Group, d.Version)).Distinct().ToArray();

    private static ResourceDefinition Core(
        string plural, string singular, string kind, bool namespaced, string[] shortNames, string[] categories, string[] subresources,
        string[]? verbs = null) =>
        new(string.Empty, "v1", plural, singular, kind, namespaced, shortNames, categories, verbs ?? AllVerbs, subresources);

    private static ResourceDefinition Apps(string plural, string singular, string kind, string[] shortNames) =>
        new("apps", "v1", plural, singular, kind, true, shortNames, AllCategory, AllVerbs, ["status", "scale"]);

    private static ResourceDefinition Rbac(string plural, string singular, string kind, bool namespaced) =>
        new("rbac.authorization.k8s.io", "v1", plural, singular, kind, namespaced, [], [], AllVerbs, []);
}
