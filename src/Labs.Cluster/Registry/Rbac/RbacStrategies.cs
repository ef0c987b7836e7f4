using System.Text.Json.Nodes;
using Labs.Cluster.Admission;
using Labs.Cluster.Api;
using Labs.Cluster.Schema;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Rbac;

/// <summary>The rbac.authorization.k8s.io/v1 group (pkg/registry/rbac): names are path segments, so <c>system:...</c> is fine.</summary>
internal static class RbacStrategies
{
    /// <summary>The registry entry of <c>roles</c>.</summary>
    public static ResourceStrategy Roles { get; } = Role("roles", "role", "Role", namespaced: true, RbacValidation.Role);

    /// <summary>The registry entry of <c>rolebindings</c>.</summary>
    public static ResourceStrategy RoleBindings { get; } = Binding("rolebindings", "rolebinding", "RoleBinding", namespaced: true, RbacValidation.RoleBinding);

    /// <summary>The registry entry of <c>clusterroles</c>.</summary>
    public static ResourceStrategy ClusterRoles { get; } = Role("clusterroles", "clusterrole", "ClusterRole", namespaced: false, RbacValidation.ClusterRole);

    /// <summary>The registry entry of <c>clusterrolebindings</c>.</summary>
    public static ResourceStrategy ClusterRoleBindings { get; } = Binding("clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", namespaced: false, RbacValidation.ClusterRoleBinding);

    private static ResourceStrategy Role(string plural, string singular, string kind, bool namespaced, Action<JsonObject, FieldErrors> validate) =>
        new(Definition(plural, singular, kind, namespaced))
        {
            Names = NameRule.PathSegment,
            Validate = validate,
            Columns = [NameColumn, CreatedAtColumn],
        };

    private static ResourceStrategy Binding(string plural, string singular, string kind, bool namespaced, Action<JsonObject, FieldErrors> validate) =>
        new(Definition(plural, singular, kind, namespaced))
        {
            Names = NameRule.PathSegment,
            Validate = validate,
            ValidateUpdate = RbacValidation.RoleRefUnchanged,
            Defaults = ObjectDefaults.ApplySubjects,
            Columns =
            [
                NameColumn,
                Col("Role", "string", (o, _) => $"{S(o, "roleRef.kind")}/{S(o, "roleRef.name")}", description: "RoleRef references a Role or ClusterRole."),
                AgeColumn,
                Col("Users", "string", (o, _) => Subjects(o, "User", s => S(s, "name")), 1, "Users in the binding"),
                Col("Groups", "string", (o, _) => Subjects(o, "Group", s => S(s, "name")), 1, "Groups in the binding"),
                Col("ServiceAccounts", "string", (o, _) => Subjects(o, "ServiceAccount", s => $"{S(s, "namespace")}:{S(s, "name")}"), 1, "ServiceAccounts in the binding"),
            ],
        };

    private static ResourceDefinition Definition(string plural, string singular, string kind, bool namespaced) =>
        new("rbac.authorization.k8s.io", "v1", plural, singular, kind, namespaced, [], [], ResourceDefinition.AllVerbs, []);

    private static string Subjects(JsonObject o, string kind, Func<JsonObject, string> describe) =>
        Objects(o["subjects"]).Where(s => S(s, "kind") == kind).Select(describe) is var list && list.Any() ? string.Join(", ", list) : "";
}
