using Labs.Cluster.Access;

namespace Labs.Cluster.Tests.Access;

public sealed class RequestAttributesTests
{
    [Theory]
    [InlineData("GET", "/api/v1/namespaces/ns1/pods", null, "list", "", "pods", "", "ns1", "")]
    [InlineData("GET", "/api/v1/namespaces/ns1/pods", "true", "watch", "", "pods", "", "ns1", "")]
    [InlineData("GET", "/api/v1/namespaces/ns1/pods/web", null, "get", "", "pods", "", "ns1", "web")]
    [InlineData("HEAD", "/api/v1/namespaces/ns1/pods/web", null, "get", "", "pods", "", "ns1", "web")]
    [InlineData("GET", "/api/v1/pods", null, "list", "", "pods", "", "", "")]
    [InlineData("GET", "/api/v1/watch/namespaces/ns1/pods", null, "watch", "", "pods", "", "ns1", "")]
    [InlineData("POST", "/apis/apps/v1/namespaces/ns1/deployments", null, "create", "apps", "deployments", "", "ns1", "")]
    [InlineData("PUT", "/apis/apps/v1/namespaces/ns1/deployments/web", null, "update", "apps", "deployments", "", "ns1", "web")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/ns1/deployments/web/scale", null, "patch", "apps", "deployments", "scale", "ns1", "web")]
    [InlineData("DELETE", "/apis/apps/v1/namespaces/ns1/deployments/web", null, "delete", "apps", "deployments", "", "ns1", "web")]
    [InlineData("DELETE", "/apis/apps/v1/namespaces/ns1/deployments", null, "deletecollection", "apps", "deployments", "", "ns1", "")]
    [InlineData("GET", "/api/v1/namespaces/ns1/pods/toolbox/exec", null, "create", "", "pods", "exec", "ns1", "toolbox")]
    [InlineData("POST", "/api/v1/namespaces/ns1/pods/toolbox/exec", null, "create", "", "pods", "exec", "ns1", "toolbox")]
    [InlineData("GET", "/api/v1/namespaces/ns1/pods/web/log", null, "get", "", "pods", "log", "ns1", "web")]
    [InlineData("POST", "/api/v1/namespaces/ns1/serviceaccounts/learner/token", null, "create", "", "serviceaccounts", "token", "ns1", "learner")]
    [InlineData("GET", "/api/v1/namespaces", null, "list", "", "namespaces", "", "", "")]
    [InlineData("GET", "/api/v1/namespaces/ns1", null, "get", "", "namespaces", "", "ns1", "ns1")]
    [InlineData("PUT", "/api/v1/namespaces/ns1/finalize", null, "update", "", "namespaces", "finalize", "ns1", "ns1")]
    [InlineData("GET", "/api/v1/nodes/node-1", null, "get", "", "nodes", "", "", "node-1")]
    [InlineData("GET", "/apis/rbac.authorization.k8s.io/v1/clusterroles", null, "list", "rbac.authorization.k8s.io", "clusterroles", "", "", "")]
    public void Http_requests_map_to_Kubernetes_verbs_and_resources(
        string method, string path, string? watch, string verb, string group, string resource, string subresource, string ns, string name)
    {
        var attributes = RequestAttributes.FromHttp(method, path, watch);

        Assert.True(attributes.IsResourceRequest);
        Assert.Equal(verb, attributes.Verb);
        Assert.Equal(group, attributes.ApiGroup);
        Assert.Equal(resource, attributes.Resource);
        Assert.Equal(subresource, attributes.Subresource);
        Assert.Equal(ns, attributes.Namespace);
        Assert.Equal(name, attributes.Name);
    }

    [Theory]
    [InlineData("/version")]
    [InlineData("/api")]
    [InlineData("/api/v1")]
    [InlineData("/apis")]
    [InlineData("/apis/apps/v1")]
    [InlineData("/openapi/v3/apis/apps/v1")]
    [InlineData("/healthz")]
    public void Discovery_and_other_paths_are_non_resource_requests(string path)
    {
        var attributes = RequestAttributes.FromHttp("GET", path);

        Assert.False(attributes.IsResourceRequest);
        Assert.Equal("get", attributes.Verb);
        Assert.Equal(path, attributes.Path);
    }

    [Fact]
    public void A_watch_narrowed_by_a_name_field_selector_names_the_object()
    {
        var attributes = RequestAttributes.FromHttp("GET", "/api/v1/namespaces/ns1/pods", "true", "metadata.name=web");

        Assert.Equal("watch", attributes.Verb);
        Assert.Equal("web", attributes.Name);
    }

    [Fact]
    public void Route_parts_map_the_same_way_as_paths()
    {
        Assert.Equal("watch", RequestAttributes.FromRoute("GET", isWatch: true, "", "pods", "ns1", null).Verb);
        Assert.Equal("deletecollection", RequestAttributes.FromRoute("DELETE", isWatch: false, "", "pods", "ns1", null).Verb);
        Assert.Equal("create", RequestAttributes.FromRoute("GET", isWatch: false, "", "pods", "ns1", "x", "attach").Verb);
    }
}
