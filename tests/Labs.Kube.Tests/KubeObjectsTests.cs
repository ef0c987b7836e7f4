using System.Net;
using System.Text.Json.Nodes;
using Labs.Testing;

namespace Labs.Kube.Tests;

public sealed class KubeObjectsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeKubernetesApi _api = new();

    [Fact]
    public async Task A_namespaced_object_is_read_from_the_namespace_and_a_missing_one_is_null()
    {
        _api.Add("configmaps", "team", """{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings"}, "data": {"mode": "fast"}}""");

        var found = await _api.Generic.GetAsync("v1", "ConfigMap", "team", "settings", Ct);
        var missing = await _api.Generic.GetAsync("v1", "ConfigMap", "team", "other", Ct);

        Assert.Equal("fast", found?["data"]?["mode"]?.GetValue<string>());
        Assert.Null(missing);
        Assert.Contains("GET /api/v1/namespaces/team/configmaps/settings", _api.Requests);
    }

    [Fact]
    public async Task A_cluster_scoped_object_is_read_without_the_namespace()
    {
        _api.Add("clusterroles", null, """{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "viewer"}}""");

        var found = await _api.Generic.GetAsync("rbac.authorization.k8s.io/v1", "ClusterRole", "team", "viewer", Ct);

        Assert.NotNull(found);
        Assert.Contains("GET /apis/rbac.authorization.k8s.io/v1/clusterroles/viewer", _api.Requests);
    }

    [Fact]
    public async Task Creating_puts_the_object_in_the_namespace_without_changing_the_manifest()
    {
        var manifest = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = "web" },
        };

        var created = await _api.Generic.CreateNamespacedAsync(manifest, "team", Ct);

        Assert.Equal("team", created["metadata"]?["namespace"]?.GetValue<string>());
        Assert.Null(manifest["metadata"]!["namespace"]);
        Assert.True(_api.Stored.ContainsKey(("deployments", "team", "web")));
        Assert.Contains(_api.Requests, r => r.StartsWith("POST /apis/apps/v1/namespaces/team/deployments?", StringComparison.Ordinal) && r.Contains("fieldManager=labs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cluster_scoped_kind_is_not_created_in_a_namespace()
    {
        var manifest = JsonNode.Parse("""{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "other"}}""")!.AsObject();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _api.Generic.CreateNamespacedAsync(manifest, "team", Ct));

        Assert.StartsWith("Namespace is cluster-scoped; it cannot be created in namespace team.", error.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Log);
    }

    [Fact]
    public async Task A_manifest_without_a_kind_says_what_is_missing()
    {
        var manifest = JsonNode.Parse("""{"apiVersion": "v1", "metadata": {"name": "x"}}""")!.AsObject();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _api.Generic.CreateNamespacedAsync(manifest, "team", Ct));

        Assert.StartsWith("The manifest has no 'kind'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_read_carries_the_servers_status()
    {
        _api.Fail("get", "configmaps", HttpStatusCode.Forbidden, "forbidden: User \"x\" cannot get resource \"configmaps\"");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => _api.Generic.GetAsync("v1", "ConfigMap", "team", "settings", Ct));

        Assert.True(error.HasCode(HttpStatusCode.Forbidden));
        Assert.Equal("Forbidden (403): configmaps is forbidden: User \"x\" cannot get resource \"configmaps\"", error.Describe());
        Assert.Equal("Forbidden", error.Status()?.Reason);
    }
}
