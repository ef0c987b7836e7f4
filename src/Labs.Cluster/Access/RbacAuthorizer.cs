using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Access;

/// <summary>
/// Role-based access control over the rbac.authorization.k8s.io/v1 objects in the store, as Kubernetes evaluates it:
/// <c>system:masters</c> may do everything, discovery and health paths are open to every authenticated user, and
/// otherwise a request is allowed when a rule of a (Cluster)Role bound to the user, one of its groups or its
/// ServiceAccount grants it: ClusterRoleBindings everywhere, RoleBindings in their own namespace.
/// </summary>
public sealed partial class RbacAuthorizer
{
    /// <summary>The RBAC API group.</summary>
    public const string Group = "rbac.authorization.k8s.io";

    /// <summary>Roles in the store.</summary>
    public static readonly GroupResource Roles = new(Group, "roles");

    /// <summary>RoleBindings in the store.</summary>
    public static readonly GroupResource RoleBindings = new(Group, "rolebindings");

    /// <summary>ClusterRoles in the store.</summary>
    public static readonly GroupResource ClusterRoles = new(Group, "clusterroles");

    /// <summary>ClusterRoleBindings in the store.</summary>
    public static readonly GroupResource ClusterRoleBindings = new(Group, "clusterrolebindings");

    // A real cluster binds these default ClusterRoles to system:authenticated; the embedded one builds them in, so
    // discovery and self reviews work even before (or without) any RBAC objects in the store.
    private static readonly Grant[] BuiltInGrants =
    [
        new(
            [Rule(["get"], nonResourceUrls:
            [
                "/api", "/api/*", "/apis", "/apis/*", "/openapi", "/openapi/*", "/version", "/version/",
                "/healthz", "/healthz/*", "/livez", "/livez/*", "/readyz", "/readyz/*",
                "/.well-known/openid-configuration", "/openid/v1/jwks",
            ])],
            "ClusterRoleBinding \"system:discovery\" of ClusterRole \"system:discovery\" to Group \"system:authenticated\""),
        new(
            [
                Rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
                Rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"]),
            ],
            "ClusterRoleBinding \"system:basic-user\" of ClusterRole \"system:basic-user\" to Group \"system:authenticated\""),
    ];

    private readonly IObjectStore _store;

    /// <summary>Creates the authorizer over <paramref name="store"/>; bindings are read on every decision, so changes apply at once.</summary>
    public RbacAuthorizer(IObjectStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <summary>Decides whether <paramref name="user"/> may do what <paramref name="attributes"/> describe.</summary>
    public AuthorizationDecision Authorize(UserInfo user, RequestAttributes attributes)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(attributes);
        if (user.IsInGroup(UserInfo.MastersGroup))
        {
            return AuthorizationDecision.Allow($"allowed: user is in group \"{UserInfo.MastersGroup}\"");
        }

        foreach (var grant in GrantsFor(user, attributes.IsResourceRequest ? attributes.Namespace : ""))
        {
            if (grant.Rules.Any(rule => RuleAllows(rule, attributes)))
            {
                return AuthorizationDecision.Allow($"RBAC: allowed by {grant.Description}");
            }
        }

        return AuthorizationDecision.Denied;
    }

    /// <summary>A role's rules reached through a binding, described as RBAC describes it in reasons.</summary>
    internal sealed record Grant(IReadOnlyList<JsonObject> Rules, string Description);

    /// <summary>
    /// Every set of rules granted to <paramref name="user"/>: through ClusterRoleBindings, then through RoleBindings
    /// in <paramref name="ns"/> (none when empty).
    /// </summary>
    internal IEnumerable<Grant> GrantsFor(UserInfo user, string ns)
    {
        if (user.IsInGroup(UserInfo.AuthenticatedGroup))
        {
            foreach (var grant in BuiltInGrants)
            {
                yield return grant;
            }
        }

        foreach (var binding in _store.List(ClusterRoleBindings, null).Items)
        {
            if (MatchingSubject(binding, user, "") is { } subject && RoleRef(binding) is ("ClusterRole", var roleName))
            {
                var rules = ClusterRoleRules(roleName);
                yield return new Grant(rules, $"ClusterRoleBinding \"{JsonFields.Name(binding)}\" of ClusterRole \"{roleName}\" to {subject}");
            }
        }

        if (ns.Length == 0)
        {
            yield break;
        }

        foreach (var binding in _store.List(RoleBindings, ns).Items)
        {
            if (MatchingSubject(binding, user, ns) is not { } subject)
            {
                continue;
            }

            var described = $"RoleBinding \"{JsonFields.Name(binding)}/{ns}\"";
            switch (RoleRef(binding))
            {
                case ("Role", var roleName):
                    var role = _store.Get(Roles, ns, roleName);
                    yield return new Grant(role is null ? [] : [.. JsonFields.Objects(role, "rules")], $"{described} of Role \"{roleName}\" to {subject}");
                    break;
                case ("ClusterRole", var roleName):
                    yield return new Grant(ClusterRoleRules(roleName), $"{described} of ClusterRole \"{roleName}\" to {subject}");
                    break;
            }
        }
    }

    private static JsonObject Rule(string[] verbs, string[]? apiGroups = null, string[]? resources = null, string[]? nonResourceUrls = null)
    {
        var rule = new JsonObject { ["verbs"] = JsonFields.ToArray(verbs) };
        if (nonResourceUrls is not null)
        {
            rule["nonResourceURLs"] = JsonFields.ToArray(nonResourceUrls);
        }
        else
        {
            rule["apiGroups"] = JsonFields.ToArray(apiGroups ?? []);
            rule["resources"] = JsonFields.ToArray(resources ?? []);
        }

        return rule;
    }

    private static (string Kind, string Name)? RoleRef(JsonObject binding)
    {
        var roleRef = JsonFields.Object(binding, "roleRef");
        var kind = JsonFields.String(roleRef, "kind");
        var name = JsonFields.String(roleRef, "name");
        return kind is null || string.IsNullOrEmpty(name) ? null : (kind, name);
    }

    /// <summary>The subject of <paramref name="binding"/> that names <paramref name="user"/>, as RBAC describes it, or null.</summary>
    private static string? MatchingSubject(JsonObject binding, UserInfo user, string bindingNamespace)
    {
        foreach (var subject in JsonFields.Objects(binding, "subjects"))
        {
            var kind = JsonFields.String(subject, "kind");
            var name = JsonFields.String(subject, "name");
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            switch (kind)
            {
                case "User" when name == user.Name:
                    return $"User \"{name}\"";
                case "Group" when user.IsInGroup(name):
                    return $"Group \"{name}\"";
                case "ServiceAccount":
                    var ns = JsonFields.String(subject, "namespace") is { Length: > 0 } explicitNs ? explicitNs : bindingNamespace;
                    if (ns.Length > 0 && UserInfo.ServiceAccountUserName(ns, name) == user.Name)
                    {
                        return $"ServiceAccount \"{name}/{ns}\"";
                    }

                    break;
            }
        }

        return null;
    }
}
