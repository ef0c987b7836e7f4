using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Access;

/// <summary>
/// Privilege-escalation prevention, as Kubernetes enforces it on RBAC writes: a user may only create or update a
/// (Cluster)Role granting permissions it already holds (or with the <c>escalate</c> verb), and only bind a role whose
/// permissions it holds (or with the <c>bind</c> verb on that role).
/// </summary>
public sealed partial class RbacAuthorizer
{
    /// <summary>
    /// Returns when <paramref name="user"/> may store <paramref name="obj"/> (a Role, ClusterRole, RoleBinding or
    /// ClusterRoleBinding in <paramref name="ns"/>) without gaining permissions it does not hold. Other resources pass.
    /// Call it on create and update, after the ordinary authorization.
    /// </summary>
    /// <exception cref="ApiException">403 with Kubernetes' "attempting to grant RBAC permissions not currently held" message.</exception>
    public void EnsureNoEscalation(UserInfo user, GroupResource resource, string? ns, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(obj);
        if (resource.Group != Group || user.IsInGroup(UserInfo.MastersGroup))
        {
            return;
        }

        var scope = ns ?? "";
        var name = JsonFields.Name(obj);
        IReadOnlyList<JsonObject> granted;
        if (resource == Roles || resource == ClusterRoles)
        {
            if (Authorize(user, RequestAttributes.ForResource("escalate", Group, resource.Resource, ns, name)).Allowed)
            {
                return;
            }

            granted = [.. JsonFields.Objects(obj, "rules")];
        }
        else if (resource == RoleBindings || resource == ClusterRoleBindings)
        {
            if (RoleRef(obj) is not var (kind, roleName) || kind is not ("Role" or "ClusterRole"))
            {
                return; // Validation reports a bad roleRef; nothing is granted through it.
            }

            var roleResource = kind == "Role" ? Roles : ClusterRoles;
            if (Authorize(user, RequestAttributes.ForResource("bind", Group, roleResource.Resource, ns, roleName)).Allowed)
            {
                return;
            }

            granted = kind == "Role"
                ? [.. JsonFields.Objects(_store.Get(Roles, scope, roleName), "rules")]
                : ClusterRoleRules(roleName);
        }
        else
        {
            return;
        }

        var held = GrantsFor(user, scope).SelectMany(g => g.Rules).ToList();
        var missing = granted.SelectMany(Breakdown).Where(atom => !held.Any(rule => RuleAllows(rule, atom.Attributes(scope)))).Select(atom => atom.Text).Distinct().ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var groups = string.Join(" ", user.Groups.Select(g => $"\"{g}\""));
        throw new ApiException(403, "Forbidden",
            $"{resource} \"{name}\" is forbidden: user \"{user.Name}\" (groups=[{groups}]) is attempting to grant RBAC permissions not currently held:\n{string.Join("\n", missing)}",
            new JsonObject { ["name"] = name, ["group"] = resource.Group, ["kind"] = resource.Resource });
    }

    /// <summary>Splits a rule into single-permission rules, as Kubernetes' <c>BreakdownRule</c>.</summary>
    private static IEnumerable<Atom> Breakdown(JsonObject rule)
    {
        var verbs = JsonFields.Strings(rule, "verbs");
        foreach (var verb in verbs)
        {
            foreach (var url in JsonFields.Strings(rule, "nonResourceURLs"))
            {
                yield return new Atom(verb, null, null, null, url);
            }

            var names = JsonFields.Strings(rule, "resourceNames");
            foreach (var group in JsonFields.Strings(rule, "apiGroups"))
            {
                foreach (var resource in JsonFields.Strings(rule, "resources"))
                {
                    if (names.Count == 0)
                    {
                        yield return new Atom(verb, group, resource, null, null);
                    }

                    foreach (var name in names)
                    {
                        yield return new Atom(verb, group, resource, name, null);
                    }
                }
            }
        }
    }

    /// <summary>One permission: a verb on one group/resource(/name), or on one non-resource URL.</summary>
    private sealed record Atom(string Verb, string? Group, string? Resource, string? Name, string? Url)
    {
        public RequestAttributes Attributes(string ns)
        {
            if (Url is not null)
            {
                return RequestAttributes.ForPath(Verb, Url);
            }

            var slash = Resource!.IndexOf('/', StringComparison.Ordinal);
            return slash < 0
                ? RequestAttributes.ForResource(Verb, Group!, Resource, ns, Name)
                : RequestAttributes.ForResource(Verb, Group!, Resource[..slash], ns, Name, Resource[(slash + 1)..]);
        }

        // Kubernetes' CompactString form, which kubectl users see in the error.
        public string Text => Url is not null
            ? $"{{NonResourceURLs:[\"{Url}\"], Verbs:[\"{Verb}\"]}}"
            : $"{{APIGroups:[\"{Group}\"], Resources:[\"{Resource}\"]{(Name is null ? "" : $", ResourceNames:[\"{Name}\"]")}, Verbs:[\"{Verb}\"]}}";
    }
}
