namespace Labs.Kube;

/// <summary>
/// Maps a check's <c>apiVersion</c> and <c>Kind</c> to the REST resource to read. Known kinds (those of
/// <see cref="ResourceType"/> plus a few common ones) map exactly; any other kind follows Kubernetes' own
/// guess (<c>meta.UnsafeGuessKindToResource</c>): lowercase the kind, then add <c>es</c> after a final
/// <c>s</c>, turn a final <c>y</c> into <c>ies</c>, else add <c>s</c> (Ingress → ingresses,
/// NetworkPolicy → networkpolicies, StatefulSet → statefulsets). Kinds are namespaced unless they are one of
/// the built-in cluster-scoped kinds (Namespace, Node, PersistentVolume, ClusterRole, ClusterRoleBinding,
/// StorageClass, CustomResourceDefinition, IngressClass, PriorityClass).
/// </summary>
public static class KindResources
{
    private static readonly ResourceType[] Known =
    [
        ResourceType.Namespaces, ResourceType.Pods, ResourceType.ConfigMaps, ResourceType.Secrets, ResourceType.Services,
        ResourceType.ServiceAccounts, ResourceType.Deployments, ResourceType.ReplicaSets, ResourceType.Roles, ResourceType.RoleBindings,
        new("", "v1", "endpoints", "Endpoints", true),
    ];

    private static readonly HashSet<string> ClusterScopedKinds = new(StringComparer.Ordinal)
    {
        "Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "StorageClass",
        "CustomResourceDefinition", "IngressClass", "PriorityClass",
    };

    /// <summary>The resource type for objects of <paramref name="kind"/> in <paramref name="apiVersion"/> (<c>v1</c> or <c>apps/v1</c>).</summary>
    public static ResourceType Resolve(string apiVersion, string kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiVersion);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        foreach (var type in Known)
        {
            if (string.Equals(type.Kind, kind, StringComparison.Ordinal) && string.Equals(type.ApiVersion, apiVersion, StringComparison.Ordinal))
                return type;
        }
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? "" : apiVersion[..slash];
        var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
        return new ResourceType(group, version, GuessPlural(kind), kind, !ClusterScopedKinds.Contains(kind));
    }

    /// <summary>Kubernetes' plural guess for a kind (see the type's remarks).</summary>
    public static string GuessPlural(string kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
#pragma warning disable CA1308 // Resource names are lowercase by Kubernetes' definition, not for comparison.
        var lower = kind.ToLowerInvariant();
#pragma warning restore CA1308
        if (lower.EndsWith('s'))
            return lower + "es";
        if (lower.EndsWith('y'))
            return lower[..^1] + "ies";
        return lower + "s";
    }
}
