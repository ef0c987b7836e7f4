using System.Text.Json.Nodes;
using Labs.Cluster.Admission;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Rbac;

/// <summary>
/// pkg/apis/rbac/validation: every rule names verbs and either resources (with API groups) or non-resource URLs; a
/// binding refers to a Role or ClusterRole of this group, its subjects are of a known kind, and its roleRef never changes.
/// Subjects' API groups count as defaulted (SetDefaults_Subject runs before validation on a real server).
/// </summary>
internal static class RbacValidation
{
    private const string Group = "rbac.authorization.k8s.io";

    /// <summary>The rules of a Role.</summary>
    public static void Role(JsonObject role, FieldErrors errors) => Rules(role, namespaced: true, errors);

    /// <summary>The rules of a ClusterRole.</summary>
    public static void ClusterRole(JsonObject role, FieldErrors errors) => Rules(role, namespaced: false, errors);

    /// <summary>A RoleBinding's roleRef and subjects.</summary>
    public static void RoleBinding(JsonObject binding, FieldErrors errors) => Binding(binding, ["Role", "ClusterRole"], namespaced: true, errors);

    /// <summary>A ClusterRoleBinding's roleRef and subjects.</summary>
    public static void ClusterRoleBinding(JsonObject binding, FieldErrors errors) => Binding(binding, ["ClusterRole"], namespaced: false, errors);

    /// <summary>ValidateRoleBindingUpdate: the roleRef is fixed once the binding exists.</summary>
    public static void RoleRefUnchanged(JsonObject binding, JsonObject old, FieldErrors errors)
    {
        var now = binding["roleRef"] as JsonObject ?? [];
        var was = old["roleRef"] as JsonObject ?? [];
        if (S(now, "apiGroup") != S(was, "apiGroup") || S(now, "kind") != S(was, "kind") || S(now, "name") != S(was, "name"))
        {
            errors.Invalid("roleRef",
                $"rbac.RoleRef{{APIGroup:{FieldErrors.Quote(S(now, "apiGroup"))}, Kind:{FieldErrors.Quote(S(now, "kind"))}, Name:{FieldErrors.Quote(S(now, "name"))}}}",
                "cannot change roleRef");
        }
    }

    private static void Rules(JsonObject role, bool namespaced, FieldErrors errors)
    {
        var i = 0;
        foreach (var rule in Objects(role["rules"]))
        {
            var path = $"rules[{i++}]";
            if (Count(rule["verbs"]) == 0)
            {
                errors.Required(path + ".verbs", "verbs must contain at least one value");
            }

            if (Count(rule["nonResourceURLs"]) > 0)
            {
                var urls = "[]string{" + string.Join(", ", ((JsonArray)rule["nonResourceURLs"]!).Select(u => FieldErrors.Quote(u?.ToString() ?? ""))) + "}";
                if (namespaced)
                {
                    errors.Invalid(path + ".nonResourceURLs", urls, "namespaced rules cannot apply to non-resource URLs");
                }

                if (Count(rule["apiGroups"]) > 0 || Count(rule["resources"]) > 0 || Count(rule["resourceNames"]) > 0)
                {
                    errors.Invalid(path + ".nonResourceURLs", urls, "rules cannot apply to both regular resources and non-resource URLs");
                }

                continue;
            }

            if (Count(rule["apiGroups"]) == 0)
            {
                errors.Required(path + ".apiGroups", "resource rules must supply at least one api group");
            }

            if (Count(rule["resources"]) == 0)
            {
                errors.Required(path + ".resources", "resource rules must supply at least one resource");
            }
        }
    }

    private static void Binding(JsonObject binding, string[] kinds, bool namespaced, FieldErrors errors)
    {
        var roleRef = binding["roleRef"] as JsonObject ?? [];
        if (S(roleRef, "apiGroup") != Group)
        {
            errors.NotSupported("roleRef.apiGroup", S(roleRef, "apiGroup"), [Group]);
        }

        if (!kinds.Contains(S(roleRef, "kind"), StringComparer.Ordinal))
        {
            errors.NotSupported("roleRef.kind", S(roleRef, "kind"), kinds);
        }

        if (S(roleRef, "name").Length == 0)
        {
            errors.Required("roleRef.name", "");
        }

        var i = 0;
        foreach (var subject in Objects(binding["subjects"]))
        {
            Subject(subject, $"subjects[{i++}]", namespaced, errors);
        }
    }

    private static void Subject(JsonObject subject, string path, bool namespaced, FieldErrors errors)
    {
        if (S(subject, "name").Length == 0)
        {
            errors.Required(path + ".name", "");
        }

        switch (S(subject, "kind"))
        {
            case "ServiceAccount":
                if (S(subject, "apiGroup").Length > 0)
                {
                    errors.NotSupported(path + ".apiGroup", S(subject, "apiGroup"), [""]);
                }

                if (!namespaced && S(subject, "namespace").Length == 0)
                {
                    errors.Required(path + ".namespace", "");
                }

                break;
            case "User" or "Group":
                if (S(subject, "apiGroup", Group) != Group)
                {
                    errors.NotSupported(path + ".apiGroup", S(subject, "apiGroup"), [Group]);
                }

                break;
            default:
                errors.NotSupported(path + ".kind", S(subject, "kind"), ["ServiceAccount", "User", "Group"]);
                break;
        }
    }

}
