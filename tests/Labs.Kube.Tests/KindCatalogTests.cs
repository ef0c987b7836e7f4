using Labs.Testing;

namespace Labs.Kube.Tests;

public sealed class KindCatalogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeKubernetesApi _api = new();

    private KindCatalog Catalog() => new(_api.Client);

    [Fact]
    public async Task Core_and_group_kinds_map_to_the_resources_discovery_lists()
    {
        var catalog = Catalog();

        Assert.Equal(new KubeResource("", "v1", "configmaps", "ConfigMap", true), await catalog.ResolveAsync("v1", "ConfigMap", Ct));
        Assert.Equal(new KubeResource("", "v1", "namespaces", "Namespace", false), await catalog.ResolveAsync("v1", "Namespace", Ct));
        Assert.Equal(new KubeResource("apps", "v1", "deployments", "Deployment", true), await catalog.ResolveAsync("apps/v1", "Deployment", Ct));
        Assert.Contains("GET /api/v1", _api.Requests);
        Assert.Contains("GET /apis/apps/v1", _api.Requests);
    }

    [Fact]
    public async Task A_plural_comes_from_the_server_not_from_a_guess()
    {
        _api.Serve(new KubeResource("example.com", "v1", "geese", "Goose", true));

        var resource = await Catalog().ResolveAsync("example.com/v1", "Goose", Ct);

        Assert.Equal("geese", resource.Plural);
    }

    [Fact]
    public async Task Discovery_of_a_group_version_is_read_once_for_every_kind_in_it()
    {
        var catalog = Catalog();

        await catalog.ResolveAsync("v1", "Pod", Ct);
        await catalog.ResolveAsync("v1", "Secret", Ct);
        await catalog.ResolveAsync("v1", "Pod", Ct);

        Assert.Single(_api.Requests, r => r == "GET /api/v1");
    }

    [Fact]
    public async Task A_kind_added_after_the_first_read_is_found_by_reading_discovery_again()
    {
        var catalog = Catalog();
        await catalog.ResolveAsync("apps/v1", "Deployment", Ct);
        _api.Serve(new KubeResource("apps", "v1", "statefulsets", "StatefulSet", true));

        var resource = await catalog.ResolveAsync("apps/v1", "StatefulSet", Ct);

        Assert.Equal("statefulsets", resource.Plural);
        Assert.Equal(2, _api.Requests.Count(r => r == "GET /apis/apps/v1"));
    }

    [Fact]
    public async Task An_unknown_kind_names_itself_and_the_kinds_its_apiVersion_has()
    {
        var error = await Assert.ThrowsAsync<UnknownKindException>(() => Catalog().ResolveAsync("apps/v1", "Deploymnet", Ct));

        Assert.Equal(("apps/v1", "Deploymnet"), (error.ApiVersion, error.Kind));
        Assert.Equal("the cluster has no kind Deploymnet in apiVersion apps/v1 (it serves Deployment)", error.Message);
    }

    [Fact]
    public async Task A_kind_of_an_apiVersion_the_cluster_does_not_serve_says_so()
    {
        var error = await Assert.ThrowsAsync<UnknownKindException>(() => Catalog().ResolveAsync("example.com/v1", "Widget", Ct));

        Assert.Equal("the cluster serves no apiVersion example.com/v1, so it has no kind Widget there", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/v1")]
    [InlineData("apps/")]
    [InlineData("a/b/c")]
    public async Task A_malformed_apiVersion_is_refused_with_the_expected_shape(string apiVersion)
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => Catalog().ResolveAsync(apiVersion, "Pod", Ct));

        Assert.Contains("apiVersion", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_discovery_is_not_remembered()
    {
        var catalog = Catalog();
        _api.Throw("discovery", "v1", new HttpRequestException("connection refused"));

        await Assert.ThrowsAsync<HttpRequestException>(() => catalog.ResolveAsync("v1", "Pod", Ct));
        _api.Heal("discovery", "v1");

        Assert.Equal("pods", (await catalog.ResolveAsync("v1", "Pod", Ct)).Plural);
    }
}
