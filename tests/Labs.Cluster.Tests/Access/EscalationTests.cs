using System.Text.Json.Nodes;
using Labs.Cluster.Access;
using Labs.Cluster.Api;
using static Labs.Cluster.Tests.Access.AccessTestCluster;

namespace Labs.Cluster.Tests.Access;

public sealed class EscalationTests
{
    private static readonly UserInfo Learner = ServiceAccountUser("ns1", "learner");

    private static (AccessTestCluster Cluster, RbacAuthorizer Authorizer) LearnerWithNamespaceAdmin()
    {
        var cluster = new AccessTestCluster();
        // Broad, but without the bind and escalate verbs (which "*" would include), so coverage is what decides.
        cluster.Role("ns1", "learner", Rule(["get", "list", "watch", "create", "update", "patch", "delete"], ["", "apps", "rbac.authorization.k8s.io"], ["pods", "deployments", "deployments/scale", "roles", "rolebindings"]));
        cluster.RoleBinding("ns1", "learner", "Role", "learner", Subject("ServiceAccount", "learner"));
        cluster.ClusterRole("node-reader", Rule(["get"], [""], ["nodes"]));
        return (cluster, new RbacAuthorizer(cluster.Store));
    }

    private static JsonObject RoleObject(string name, params JsonObject[] rules)
    {
        var role = Obj("rbac.authorization.k8s.io/v1", "Role", name);
        role["rules"] = new JsonArray([.. rules]);
        return role;
    }

    private static JsonObject BindingTo(string kind, string roleName)
    {
        var binding = Obj("rbac.authorization.k8s.io/v1", "RoleBinding", "b");
        binding["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = kind, ["name"] = roleName };
        binding["subjects"] = new JsonArray(Subject("User", "friend"));
        return binding;
    }

    [Fact]
    public void A_role_within_the_users_own_permissions_may_be_created()
    {
        var (cluster, authorizer) = LearnerWithNamespaceAdmin();
        using var _ = cluster;

        authorizer.EnsureNoEscalation(Learner, RbacAuthorizer.Roles, "ns1", RoleObject("reader", Rule(["get", "list"], ["", "apps"], ["pods", "deployments/scale"])));
        authorizer.EnsureNoEscalation(Learner, RbacAuthorizer.RoleBindings, "ns1", BindingTo("Role", "learner"));
    }

    [Fact]
    public void A_role_granting_more_than_the_user_holds_is_forbidden_with_the_missing_rules()
    {
        var (cluster, authorizer) = LearnerWithNamespaceAdmin();
        using var _ = cluster;

        var error = Assert.Throws<ApiException>(() => authorizer.EnsureNoEscalation(
            Learner, RbacAuthorizer.Roles, "ns2", RoleObject("reader", Rule(["get"], [""], ["pods"]))));

        Assert.Equal(403, error.Code);
        Assert.Equal(
            "roles.rbac.authorization.k8s.io \"reader\" is forbidden: user \"system:serviceaccount:ns1:learner\" (groups=[\"system:serviceaccounts\" \"system:serviceaccounts:ns1\" \"system:authenticated\"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"get\"]}",
            error.Message);
    }

    [Fact]
    public void Binding_a_cluster_role_with_cluster_wide_rules_the_user_lacks_is_forbidden_unless_it_may_bind()
    {
        var (cluster, authorizer) = LearnerWithNamespaceAdmin();
        using var _ = cluster;
        cluster.ClusterRole("cluster-wide", new JsonObject { ["verbs"] = new JsonArray("get"), ["nonResourceURLs"] = new JsonArray("/metrics") });

        var error = Assert.Throws<ApiException>(() => authorizer.EnsureNoEscalation(Learner, RbacAuthorizer.RoleBindings, "ns1", BindingTo("ClusterRole", "cluster-wide")));
        Assert.Contains("{NonResourceURLs:[\"/metrics\"], Verbs:[\"get\"]}", error.Message, StringComparison.Ordinal);

        cluster.ClusterRole("binder", Rule(["bind"], ["rbac.authorization.k8s.io"], ["clusterroles"], ["cluster-wide"]));
        cluster.ClusterRoleBinding("learner-binds", "binder", Subject("ServiceAccount", "learner", "ns1"));
        authorizer.EnsureNoEscalation(Learner, RbacAuthorizer.RoleBindings, "ns1", BindingTo("ClusterRole", "cluster-wide"));
    }

    [Fact]
    public void System_masters_and_non_RBAC_objects_are_not_checked()
    {
        using var cluster = new AccessTestCluster();
        var authorizer = new RbacAuthorizer(cluster.Store);

        authorizer.EnsureNoEscalation(User("root", "system:masters"), RbacAuthorizer.ClusterRoles, null, RoleObject("all", Rule(["*"], ["*"], ["*"])));
        authorizer.EnsureNoEscalation(Learner, new Labs.Cluster.Storage.GroupResource("", "configmaps"), "ns1", Obj("v1", "ConfigMap", "c"));
    }
}
