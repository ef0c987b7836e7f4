using System.Text.Json.Nodes;
using Labs.Cluster.Access;
using static Labs.Cluster.Tests.Access.AccessTestCluster;

namespace Labs.Cluster.Tests.Access;

public sealed class DefaultRbacTests
{
    private static readonly UserInfo Learner = ServiceAccountUser("ns1", "learner");

    private static bool Can(RbacAuthorizer authorizer, string verb, string group, string resource, string? subresource = null) =>
        authorizer.Authorize(Learner, RequestAttributes.ForResource(verb, group, resource, "ns1", "x", subresource)).Allowed;

    [Fact]
    public void Binding_view_grants_reading_workloads_but_not_secrets_or_writes()
    {
        using var cluster = new AccessTestCluster();
        DefaultRbac.EnsureCreated(cluster.Store);
        cluster.RoleBinding("ns1", "learner-view", "ClusterRole", "view", Subject("ServiceAccount", "learner"));
        var authorizer = new RbacAuthorizer(cluster.Store);

        Assert.True(Can(authorizer, "get", "", "pods"));
        Assert.True(Can(authorizer, "list", "apps", "deployments"));
        Assert.True(Can(authorizer, "get", "", "pods", "log"));
        Assert.False(Can(authorizer, "get", "", "secrets"));
        Assert.False(Can(authorizer, "delete", "", "pods"));
    }

    [Fact]
    public void Binding_edit_grants_writes_and_exec_but_not_roles_while_admin_also_grants_roles()
    {
        using var cluster = new AccessTestCluster();
        DefaultRbac.EnsureCreated(cluster.Store);
        cluster.RoleBinding("ns1", "learner-edit", "ClusterRole", "edit", Subject("ServiceAccount", "learner"));
        var authorizer = new RbacAuthorizer(cluster.Store);

        Assert.True(Can(authorizer, "create", "apps", "deployments"));
        Assert.True(Can(authorizer, "create", "", "pods", "exec"));
        Assert.True(Can(authorizer, "get", "", "secrets"));
        Assert.True(Can(authorizer, "list", "", "pods"));
        Assert.False(Can(authorizer, "create", "rbac.authorization.k8s.io", "roles"));

        cluster.RoleBinding("ns1", "learner-admin", "ClusterRole", "admin", Subject("ServiceAccount", "learner"));
        Assert.True(Can(authorizer, "create", "rbac.authorization.k8s.io", "roles"));
    }

    [Fact]
    public void Aggregated_roles_are_stored_with_their_rules_filled_in()
    {
        using var cluster = new AccessTestCluster();
        DefaultRbac.EnsureCreated(cluster.Store);

        var view = cluster.Store.Get(RbacAuthorizer.ClusterRoles, null, "view")!;
        var admin = cluster.Store.Get(RbacAuthorizer.ClusterRoles, null, "admin")!;

        Assert.NotEmpty(view["rules"]!.AsArray());
        Assert.True(admin["rules"]!.AsArray().Count > view["rules"]!.AsArray().Count);
        Assert.NotNull(cluster.Store.Get(RbacAuthorizer.ClusterRoleBindings, null, "cluster-admin"));
    }

    [Fact]
    public void Ensuring_defaults_again_keeps_an_operator_edit()
    {
        using var cluster = new AccessTestCluster();
        DefaultRbac.EnsureCreated(cluster.Store);
        cluster.Store.Delete(RbacAuthorizer.ClusterRoles, null, "view");
        cluster.ClusterRole("view");

        DefaultRbac.EnsureCreated(cluster.Store);

        Assert.Empty(cluster.Store.Get(RbacAuthorizer.ClusterRoles, null, "view")!["rules"]!.AsArray());
    }

    [Fact]
    public void The_cluster_admin_binding_lets_system_masters_through_RBAC_rules_too()
    {
        using var cluster = new AccessTestCluster();
        DefaultRbac.EnsureCreated(cluster.Store);
        var review = new AccessReviews(new RbacAuthorizer(cluster.Store)).ReviewSelfSubjectRules(
            User("root", "system:masters"), new JsonObject { ["spec"] = new JsonObject { ["namespace"] = "ns1" } });

        Assert.Contains(review["status"]!["resourceRules"]!.AsArray(), r => r!["verbs"]!.ToJsonString() == "[\"*\"]");
    }
}
