using Labs.Cluster.Access;
using Labs.Cluster.Api;
using Microsoft.AspNetCore.Http;
using static Labs.Cluster.Tests.Access.AccessTestCluster;

namespace Labs.Cluster.Tests.Access;

public sealed class ImpersonationTests
{
    private static HttpRequest Request(string? user = null, string[]? groups = null, string? token = null)
    {
        var context = new DefaultHttpContext();
        if (token is not null)
        {
            context.Request.Headers.Authorization = "Bearer " + token;
        }

        if (user is not null)
        {
            context.Request.Headers[Impersonation.UserHeader] = user;
        }

        if (groups is not null)
        {
            context.Request.Headers[Impersonation.GroupHeader] = groups;
        }

        return context.Request;
    }

    [Fact]
    public void The_admin_may_act_as_another_user_with_groups()
    {
        using var cluster = new AccessTestCluster();
        using var access = new ClusterAccess(cluster.DataDirectory, cluster.Store);

        var user = access.AuthenticateRequest(Request("bob", ["devs"], access.AdminToken));

        Assert.Equal("bob", user.Name);
        Assert.Equal(["devs", "system:authenticated"], user.Groups);
    }

    [Fact]
    public void Acting_as_a_service_account_gives_its_groups()
    {
        using var cluster = new AccessTestCluster();
        using var access = new ClusterAccess(cluster.DataDirectory, cluster.Store);

        var user = access.AuthenticateRequest(Request("system:serviceaccount:ns1:learner", token: access.AdminToken));

        Assert.Equal(["system:serviceaccounts", "system:serviceaccounts:ns1", "system:authenticated"], user.Groups);
    }

    [Fact]
    public void Without_impersonation_headers_the_caller_is_itself()
    {
        using var cluster = new AccessTestCluster();
        using var access = new ClusterAccess(cluster.DataDirectory, cluster.Store);

        Assert.Equal("labs-admin", access.AuthenticateRequest(Request(token: access.AdminToken)).Name);
    }

    [Fact]
    public void A_user_without_the_impersonate_verb_is_forbidden_with_the_Kubernetes_message()
    {
        using var cluster = new AccessTestCluster();
        using var access = new ClusterAccess(cluster.DataDirectory, cluster.Store);
        var learner = ServiceAccountUser("ns1", "learner");

        var error = Assert.Throws<ApiException>(() => access.Impersonate(learner, Request("bob")));

        Assert.Equal(403, error.Code);
        Assert.Equal(
            "users \"bob\" is forbidden: User \"system:serviceaccount:ns1:learner\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope",
            error.Message);
    }

    [Fact]
    public void The_impersonate_verb_on_users_lets_a_user_act_as_them()
    {
        using var cluster = new AccessTestCluster();
        cluster.ClusterRole("impersonator", Rule(["impersonate"], [""], ["users"], ["bob"]));
        cluster.ClusterRoleBinding("carol-impersonates", "impersonator", Subject("User", "carol"));
        using var access = new ClusterAccess(cluster.DataDirectory, cluster.Store);

        Assert.Equal("bob", access.Impersonate(User("carol"), Request("bob")).Name);
        Assert.Throws<ApiException>(() => access.Impersonate(User("carol"), Request("dave")));
        Assert.Throws<ApiException>(() => access.Impersonate(User("carol"), Request("bob", ["system:masters"])));
    }

    [Fact]
    public void Groups_without_a_user_are_a_bad_request()
    {
        using var cluster = new AccessTestCluster();
        using var access = new ClusterAccess(cluster.DataDirectory, cluster.Store);

        var error = Assert.Throws<ApiException>(() => access.AuthenticateRequest(Request(groups: ["devs"], token: access.AdminToken)));

        Assert.Equal(400, error.Code);
        Assert.Contains("Impersonate-User", error.Message, StringComparison.Ordinal);
    }
}
