using System.Text.Json.Nodes;
using Labs.Cluster.Access;
using static Labs.Cluster.Tests.Access.AccessTestCluster;

namespace Labs.Cluster.Tests.Access;

public sealed class RbacAuthorizerTests
{
    private static readonly UserInfo Learner = ServiceAccountUser("ns1", "learner");

    private static AccessTestCluster LearnerWithPodReaderInNs1()
    {
        var cluster = new AccessTestCluster();
        cluster.Namespace("ns2");
        cluster.Role("ns1", "pod-reader", Rule(["get", "list", "watch"], [""], ["pods"]));
        cluster.RoleBinding("ns1", "learner-reads", "Role", "pod-reader", Subject("ServiceAccount", "learner", "ns1"));
        return cluster;
    }

    [Fact]
    public void System_masters_may_do_anything()
    {
        using var cluster = new AccessTestCluster();
        var authorizer = new RbacAuthorizer(cluster.Store);

        var decision = authorizer.Authorize(User("root", "system:masters"), RequestAttributes.ForResource("delete", "apps", "deployments", "any", "web"));

        Assert.True(decision.Allowed);
    }

    [Fact]
    public void Discovery_and_version_are_open_to_every_authenticated_user_but_other_paths_are_not()
    {
        using var cluster = new AccessTestCluster();
        var authorizer = new RbacAuthorizer(cluster.Store);

        Assert.True(authorizer.Authorize(Learner, RequestAttributes.ForPath("get", "/version")).Allowed);
        Assert.True(authorizer.Authorize(Learner, RequestAttributes.ForPath("get", "/apis/apps/v1")).Allowed);
        Assert.True(authorizer.Authorize(Learner, RequestAttributes.ForPath("get", "/openapi/v3")).Allowed);
        Assert.False(authorizer.Authorize(Learner, RequestAttributes.ForPath("get", "/metrics")).Allowed);
        Assert.Equal("forbidden: User \"system:serviceaccount:ns1:learner\" cannot get path \"/metrics\"",
            AccessErrors.Forbidden(Learner, RequestAttributes.ForPath("get", "/metrics")).Message);
    }

    [Fact]
    public void A_role_binding_grants_its_rules_only_in_its_namespace()
    {
        using var cluster = LearnerWithPodReaderInNs1();
        var authorizer = new RbacAuthorizer(cluster.Store);

        Assert.True(authorizer.Authorize(Learner, RequestAttributes.ForResource("list", "", "pods", "ns1")).Allowed);
        Assert.True(authorizer.Authorize(Learner, RequestAttributes.ForResource("get", "", "pods", "ns1", "web")).Allowed);
        Assert.False(authorizer.Authorize(Learner, RequestAttributes.ForResource("list", "", "pods", "ns2")).Allowed);
        Assert.False(authorizer.Authorize(Learner, RequestAttributes.ForResource("list", "", "pods")).Allowed);
        Assert.False(authorizer.Authorize(Learner, RequestAttributes.ForResource("delete", "", "pods", "ns1", "web")).Allowed);
        Assert.False(authorizer.Authorize(ServiceAccountUser("ns1", "other"), RequestAttributes.ForResource("list", "", "pods", "ns1")).Allowed);
    }

    [Fact]
    public void Denials_carry_the_exact_Kubernetes_messages()
    {
        static string Message(RequestAttributes a) => AccessErrors.Forbidden(Learner, a).Message;

        Assert.Equal(
            "pods is forbidden: User \"system:serviceaccount:ns1:learner\" cannot list resource \"pods\" in API group \"\" in the namespace \"ns2\"",
            Message(RequestAttributes.ForResource("list", "", "pods", "ns2")));
        Assert.Equal(
            "pods \"x\" is forbidden: User \"system:serviceaccount:ns1:learner\" cannot get resource \"pods\" in API group \"\" in the namespace \"ns2\"",
            Message(RequestAttributes.ForResource("get", "", "pods", "ns2", "x")));
        Assert.Equal(
            "pods \"x\" is forbidden: User \"system:serviceaccount:ns1:learner\" cannot create resource \"pods/exec\" in API group \"\" in the namespace \"ns1\"",
            Message(RequestAttributes.ForResource("create", "", "pods", "ns1", "x", "exec")));
        Assert.Equal(
            "nodes is forbidden: User \"system:serviceaccount:ns1:learner\" cannot list resource \"nodes\" in API group \"\" at the cluster scope",
            Message(RequestAttributes.ForResource("list", "", "nodes")));
        Assert.Equal(
            "deployments.apps \"web\" is forbidden: User \"system:serviceaccount:ns1:learner\" cannot delete resource \"deployments\" in API group \"apps\" in the namespace \"ns1\"",
            Message(RequestAttributes.ForResource("delete", "apps", "deployments", "ns1", "web")));
    }

    [Fact]
    public void A_forbidden_error_is_403_with_name_group_and_resource_in_the_details()
    {
        var error = AccessErrors.Forbidden(Learner, RequestAttributes.ForResource("get", "apps", "deployments", "ns2", "web"));

        Assert.Equal(403, error.Code);
        Assert.Equal("Forbidden", error.Reason);
        Assert.Equal("web", (string?)error.Details!["name"]);
        Assert.Equal("apps", (string?)error.Details["group"]);
        Assert.Equal("deployments", (string?)error.Details["kind"]);
    }

    [Fact]
    public void A_rule_on_pods_does_not_grant_pods_exec_but_one_on_pods_exec_does()
    {
        using var cluster = LearnerWithPodReaderInNs1();
        var authorizer = new RbacAuthorizer(cluster.Store);
        var exec = RequestAttributes.ForResource("create", "", "pods", "ns1", "toolbox", "exec");
        Assert.False(authorizer.Authorize(Learner, exec).Allowed);

        cluster.Role("ns1", "exec", Rule(["create"], [""], ["pods/exec"]));
        cluster.RoleBinding("ns1", "learner-exec", "Role", "exec", Subject("ServiceAccount", "learner", "ns1"));

        Assert.True(authorizer.Authorize(Learner, exec).Allowed);
        Assert.False(authorizer.Authorize(Learner, RequestAttributes.ForResource("create", "", "pods", "ns1")).Allowed);
    }

    [Fact]
    public void Wildcards_match_any_verb_group_resource_and_star_slash_subresource()
    {
        using var cluster = new AccessTestCluster();
        cluster.Role("ns1", "everything", Rule(["*"], ["*"], ["*"]));
        cluster.Role("ns1", "scaler", Rule(["update"], ["apps"], ["*/scale"]));
        cluster.RoleBinding("ns1", "all", "Role", "everything", Subject("User", "alice"));
        cluster.RoleBinding("ns1", "scale", "Role", "scaler", Subject("User", "bob"));
        var authorizer = new RbacAuthorizer(cluster.Store);

        Assert.True(authorizer.Authorize(User("alice"), RequestAttributes.ForResource("deletecollection", "batch", "jobs", "ns1")).Allowed);
        Assert.True(authorizer.Authorize(User("alice"), RequestAttributes.ForResource("create", "", "pods", "ns1", "x", "exec")).Allowed);
        Assert.True(authorizer.Authorize(User("bob"), RequestAttributes.ForResource("update", "apps", "deployments", "ns1", "web", "scale")).Allowed);
        Assert.False(authorizer.Authorize(User("bob"), RequestAttributes.ForResource("update", "apps", "deployments", "ns1", "web")).Allowed);
    }

    [Fact]
    public void Resource_names_restrict_a_rule_to_those_objects()
    {
        using var cluster = new AccessTestCluster();
        cluster.Role("ns1", "one-config", Rule(["get", "list"], [""], ["configmaps"], ["settings"]));
        cluster.RoleBinding("ns1", "b", "Role", "one-config", Subject("User", "alice"));
        var authorizer = new RbacAuthorizer(cluster.Store);

        Assert.True(authorizer.Authorize(User("alice"), RequestAttributes.ForResource("get", "", "configmaps", "ns1", "settings")).Allowed);
        Assert.False(authorizer.Authorize(User("alice"), RequestAttributes.ForResource("get", "", "configmaps", "ns1", "other")).Allowed);
        Assert.False(authorizer.Authorize(User("alice"), RequestAttributes.ForResource("list", "", "configmaps", "ns1")).Allowed);
    }

    [Fact]
    public void A_cluster_role_binding_to_a_group_grants_in_every_namespace_and_at_cluster_scope()
    {
        using var cluster = new AccessTestCluster();
        cluster.ClusterRole("node-reader", Rule(["list"], [""], ["nodes", "pods"]));
        cluster.ClusterRoleBinding("instructors", "node-reader", Subject("Group", "instructors"));
        var authorizer = new RbacAuthorizer(cluster.Store);

        var decision = authorizer.Authorize(User("carol", "instructors"), RequestAttributes.ForResource("list", "", "nodes"));
        Assert.True(decision.Allowed);
        Assert.Equal("RBAC: allowed by ClusterRoleBinding \"instructors\" of ClusterRole \"node-reader\" to Group \"instructors\"", decision.Reason);
        Assert.True(authorizer.Authorize(User("carol", "instructors"), RequestAttributes.ForResource("list", "", "pods", "anywhere")).Allowed);
        Assert.False(authorizer.Authorize(User("dave"), RequestAttributes.ForResource("list", "", "nodes")).Allowed);
    }

    [Fact]
    public void A_role_binding_to_a_cluster_role_grants_it_only_in_the_binding_namespace()
    {
        using var cluster = new AccessTestCluster();
        cluster.Namespace("ns2");
        cluster.ClusterRole("edit", Rule(["*"], ["", "apps"], ["pods", "deployments"]));
        cluster.RoleBinding("ns1", "learner-edit", "ClusterRole", "edit", Subject("ServiceAccount", "learner"));
        var authorizer = new RbacAuthorizer(cluster.Store);

        var decision = authorizer.Authorize(Learner, RequestAttributes.ForResource("create", "apps", "deployments", "ns1"));
        Assert.True(decision.Allowed);
        Assert.Equal("RBAC: allowed by RoleBinding \"learner-edit/ns1\" of ClusterRole \"edit\" to ServiceAccount \"learner/ns1\"", decision.Reason);
        Assert.False(authorizer.Authorize(Learner, RequestAttributes.ForResource("create", "apps", "deployments", "ns2")).Allowed);
    }

    [Fact]
    public void A_service_account_subject_of_another_namespace_is_not_the_local_one()
    {
        using var cluster = new AccessTestCluster();
        cluster.Role("ns1", "pod-reader", Rule(["list"], [""], ["pods"]));
        cluster.RoleBinding("ns1", "other-learner", "Role", "pod-reader", Subject("ServiceAccount", "learner", "ns9"));
        var authorizer = new RbacAuthorizer(cluster.Store);

        Assert.False(authorizer.Authorize(Learner, RequestAttributes.ForResource("list", "", "pods", "ns1")).Allowed);
        Assert.True(authorizer.Authorize(ServiceAccountUser("ns9", "learner"), RequestAttributes.ForResource("list", "", "pods", "ns1")).Allowed);
    }

    [Fact]
    public void Bindings_to_missing_roles_grant_nothing()
    {
        using var cluster = new AccessTestCluster();
        cluster.RoleBinding("ns1", "dangling", "Role", "nope", Subject("User", "alice"));
        cluster.ClusterRoleBinding("dangling", "nope", Subject("User", "alice"));
        var authorizer = new RbacAuthorizer(cluster.Store);

        Assert.False(authorizer.Authorize(User("alice"), RequestAttributes.ForResource("get", "", "pods", "ns1", "x")).Allowed);
    }

    [Fact]
    public void An_aggregated_cluster_role_grants_the_rules_of_the_roles_it_selects()
    {
        using var cluster = new AccessTestCluster();
        var aggregate = Obj("rbac.authorization.k8s.io/v1", "ClusterRole", "view");
        aggregate["aggregationRule"] = new JsonObject
        {
            ["clusterRoleSelectors"] = new JsonArray(new JsonObject { ["matchLabels"] = new JsonObject { ["labs/aggregate-to-view"] = "true" } }),
        };
        cluster.Store.Create(RbacAuthorizer.ClusterRoles, null, aggregate);
        var part = Obj("rbac.authorization.k8s.io/v1", "ClusterRole", "view-pods");
        part["metadata"]!["labels"] = new JsonObject { ["labs/aggregate-to-view"] = "true" };
        part["rules"] = new JsonArray(Rule(["get"], [""], ["pods"]));
        cluster.Store.Create(RbacAuthorizer.ClusterRoles, null, part);
        cluster.ClusterRoleBinding("viewers", "view", Subject("User", "alice"));
        var authorizer = new RbacAuthorizer(cluster.Store);

        Assert.True(authorizer.Authorize(User("alice"), RequestAttributes.ForResource("get", "", "pods", "ns1", "x")).Allowed);
        Assert.False(authorizer.Authorize(User("alice"), RequestAttributes.ForResource("get", "", "secrets", "ns1", "x")).Allowed);
    }

    [Fact]
    public void Every_authenticated_user_may_review_its_own_access()
    {
        using var cluster = new AccessTestCluster();
        var authorizer = new RbacAuthorizer(cluster.Store);

        Assert.True(authorizer.Authorize(Learner, RequestAttributes.ForResource("create", "authorization.k8s.io", "selfsubjectaccessreviews")).Allowed);
        Assert.True(authorizer.Authorize(Learner, RequestAttributes.ForResource("create", "authentication.k8s.io", "selfsubjectreviews")).Allowed);
        Assert.False(authorizer.Authorize(Learner, RequestAttributes.ForResource("create", "authorization.k8s.io", "subjectaccessreviews")).Allowed);
    }
}
