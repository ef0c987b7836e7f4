namespace Labs.Kube.Tests;

public sealed class KubeUrlsTests
{
    [Fact]
    public void Core_namespaced_objects_live_under_api_v1_namespaces()
    {
        Assert.Equal("/api/v1/namespaces/team-a/pods/web-1", KubeUrls.Path(ResourceType.Pods, "team-a", "web-1"));
        Assert.Equal("/api/v1/namespaces/team-a/pods", KubeUrls.Path(ResourceType.Pods, "team-a"));
    }

    [Fact]
    public void Listing_a_namespaced_type_without_a_namespace_means_all_namespaces()
    {
        Assert.Equal("/api/v1/pods", KubeUrls.Path(ResourceType.Pods, null));
    }

    [Fact]
    public void Grouped_types_live_under_apis_group_version()
    {
        Assert.Equal("/apis/apps/v1/namespaces/ns/deployments/web/scale", KubeUrls.Path(ResourceType.Deployments, "ns", "web", "scale"));
        Assert.Equal("/apis/rbac.authorization.k8s.io/v1/namespaces/ns/roles", KubeUrls.Path(ResourceType.Roles, "ns"));
    }

    [Fact]
    public void Cluster_scoped_types_ignore_the_namespace()
    {
        Assert.Equal("/api/v1/namespaces/lab-1", KubeUrls.Path(ResourceType.Namespaces, "whatever", "lab-1"));
    }

    [Fact]
    public void Names_are_escaped()
    {
        Assert.Equal("/api/v1/namespaces/ns/configmaps/a%20b%2Fc", KubeUrls.Path(ResourceType.ConfigMaps, "ns", "a b/c"));
    }

    [Fact]
    public void A_namespaced_object_without_namespace_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => KubeUrls.Path(ResourceType.Pods, null, "web"));

        Assert.Contains("namespace is required", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_values_are_escaped_and_nulls_skipped_and_the_server_prefix_kept()
    {
        var uri = KubeUrls.Build(new Uri("https://h:6443/k8s/c1/"), "/api/v1/pods",
            [new("labelSelector", "app=web,tier!=db"), new("fieldSelector", null), new("watch", "true")]);

        Assert.Equal("https://h:6443/k8s/c1/api/v1/pods?labelSelector=app%3Dweb%2Ctier%21%3Ddb&watch=true", uri.AbsoluteUri);
    }

    [Fact]
    public void Exec_urls_repeat_command_and_use_websocket_schemes()
    {
        using var client = new KubeClient(new KubeConnection(new Uri("https://h:6443")));

        var uri = client.ExecUrl(new ExecRequest("ns", "toolbox", ["sh", "-c", "echo hi"], Container: "shell", Tty: true));

        Assert.Equal("wss://h:6443/api/v1/namespaces/ns/pods/toolbox/exec?command=sh&command=-c&command=echo%20hi&container=shell&stdin=true&stdout=true&stderr=false&tty=true", uri.AbsoluteUri);
    }

    [Fact]
    public void Patch_types_map_to_their_content_types()
    {
        Assert.Equal("application/merge-patch+json", KubeClient.PatchContentType(PatchType.Merge));
        Assert.Equal("application/json-patch+json", KubeClient.PatchContentType(PatchType.Json));
        Assert.Equal("application/strategic-merge-patch+json", KubeClient.PatchContentType(PatchType.StrategicMerge));
    }
}
