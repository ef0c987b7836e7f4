using System.Text.Json.Nodes;
using Labs.Cluster.Access;
using Labs.Cluster.Api;
using static Labs.Cluster.Tests.Access.AccessTestCluster;

namespace Labs.Cluster.Tests.Access;

public sealed class ClusterAccessTests
{
    [Fact]
    public void The_facade_serves_TLS_material_that_survives_a_restart()
    {
        using var cluster = new AccessTestCluster();
        string pem;
        string token;
        using (var first = new ClusterAccess(cluster.DataDirectory, cluster.Store))
        {
            pem = first.CertificateAuthorityPem;
            token = first.AdminToken;
            Assert.True(first.ServerCertificate.HasPrivateKey);
        }

        using var second = new ClusterAccess(cluster.DataDirectory, cluster.Store);

        Assert.Equal(pem, second.CertificateAuthorityPem);
        Assert.Equal(token, second.AdminToken);
    }

    [Fact]
    public void A_learner_token_issued_by_the_facade_authenticates_and_is_held_to_RBAC()
    {
        using var cluster = new AccessTestCluster();
        cluster.ServiceAccount("ns1", "learner");
        cluster.Namespace("ns2");
        cluster.Role("ns1", "pod-reader", Rule(["list"], [""], ["pods"]));
        cluster.RoleBinding("ns1", "learner-reads", "Role", "pod-reader", Subject("ServiceAccount", "learner"));
        using var access = new ClusterAccess(cluster.DataDirectory, cluster.Store, cluster.Clock);

        var response = access.CreateServiceAccountToken("ns1", "learner", new JsonObject { ["spec"] = new JsonObject { ["expirationSeconds"] = 1200 } });
        var user = access.AuthenticateOrThrow("Bearer " + (string)response["status"]!["token"]!);

        access.EnsureAuthorized(user, RequestAttributes.FromHttp("GET", "/api/v1/namespaces/ns1/pods"));
        var error = Assert.Throws<ApiException>(() => access.EnsureAuthorized(user, RequestAttributes.FromHttp("GET", "/api/v1/namespaces/ns2/pods")));
        Assert.Equal(403, error.Code);
        Assert.Equal(
            "pods is forbidden: User \"system:serviceaccount:ns1:learner\" cannot list resource \"pods\" in API group \"\" in the namespace \"ns2\"",
            error.Message);
        Assert.Equal("system:serviceaccount:ns1:learner", (string?)ClusterAccess.ReviewSelfSubject(user)["status"]!["userInfo"]!["username"]);
    }

    [Fact]
    public void A_missing_token_is_a_401_and_the_admin_token_may_do_anything()
    {
        using var cluster = new AccessTestCluster();
        using var access = new ClusterAccess(cluster.DataDirectory, cluster.Store);

        Assert.Equal(401, Assert.Throws<ApiException>(() => access.AuthenticateOrThrow(null)).Code);
        var admin = access.AuthenticateOrThrow("Bearer " + access.AdminToken);
        access.EnsureAuthorized(admin, RequestAttributes.FromHttp("DELETE", "/api/v1/namespaces/kube-system"));
        var review = access.ReviewSelfSubjectAccess(admin, new JsonObject
        {
            ["spec"] = new JsonObject { ["resourceAttributes"] = new JsonObject { ["verb"] = "*", ["group"] = "*", ["resource"] = "*" } },
        });
        Assert.True((bool)review["status"]!["allowed"]!);
    }
}
