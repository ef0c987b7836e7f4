namespace Labs.Kube;

/// <summary>
/// A Kubernetes resource type as the REST API addresses it (group, version, plural), with the kind it holds
/// and whether it lives in a namespace. The shape of client-go's <c>GroupVersionResource</c> plus the two facts
/// a dynamic client needs to build URLs and bodies.
/// </summary>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Version">API version, e.g. <c>v1</c>.</param>
/// <param name="Plural">Resource name in URLs, e.g. <c>deployments</c>.</param>
/// <param name="Kind">Kind of the objects, e.g. <c>Deployment</c>.</param>
/// <param name="Namespaced">Whether objects of this type live in a namespace.</param>
public sealed record ResourceType(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    /// <summary>The <c>apiVersion</c> of objects of this type: <c>v1</c> or <c>apps/v1</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>core/v1 namespaces.</summary>
    public static readonly ResourceType Namespaces = new("", "v1", "namespaces", "Namespace", false);
    /// <summary>core/v1 pods.</summary>
    public static readonly ResourceType Pods = new("", "v1", "pods", "Pod", true);
    /// <summary>core/v1 configmaps.</summary>
    public static readonly ResourceType ConfigMaps = new("", "v1", "configmaps", "ConfigMap", true);
    /// <summary>core/v1 secrets.</summary>
    public static readonly ResourceType Secrets = new("", "v1", "secrets", "Secret", true);
    /// <summary>core/v1 services.</summary>
    public static readonly ResourceType Services = new("", "v1", "services", "Service", true);
    /// <summary>core/v1 serviceaccounts.</summary>
    public static readonly ResourceType ServiceAccounts = new("", "v1", "serviceaccounts", "ServiceAccount", true);
    /// <summary>apps/v1 deployments.</summary>
    public static readonly ResourceType Deployments = new("apps", "v1", "deployments", "Deployment", true);
    /// <summary>apps/v1 replicasets.</summary>
    public static readonly ResourceType ReplicaSets = new("apps", "v1", "replicasets", "ReplicaSet", true);
    /// <summary>rbac.authorization.k8s.io/v1 roles.</summary>
    public static readonly ResourceType Roles = new("rbac.authorization.k8s.io", "v1", "roles", "Role", true);
    /// <summary>rbac.authorization.k8s.io/v1 rolebindings.</summary>
    public static readonly ResourceType RoleBindings = new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true);
}
