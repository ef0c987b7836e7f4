using System.Net;
using System.Text;

namespace Labs.Cluster.Tests.Api;

/// <summary>Files the API server hands to anyone under a prefix (the lab library's chart repository), and nothing more.</summary>
public sealed class PublicFilesTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static bool Files(string name, out ReadOnlyMemory<byte> content, out string contentType)
    {
        (content, contentType) = name == "index.yaml" ? (Encoding.UTF8.GetBytes("apiVersion: v1\n"), "application/x-yaml") : (default, "");
        return name == "index.yaml";
    }

    [Fact]
    public async Task A_public_file_is_served_without_credentials_and_everything_else_still_needs_them()
    {
        await using var api = await ApiTestCluster.StartAsync();
        api.Cluster.ServePublicFiles("/charts/", Files);
        using var anonymous = api.CreateClient(token: null);

        using var index = await anonymous.GetAsync("/charts/index.yaml", Cancel);
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("application/x-yaml", index.Content.Headers.ContentType?.MediaType);
        Assert.Equal("apiVersion: v1\n", await index.Content.ReadAsStringAsync(Cancel));

        using var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/charts/index.yaml"), Cancel);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(15, head.Content.Headers.ContentLength);

        using var missing = await anonymous.GetAsync("/charts/web-0.1.0.tgz", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("\"reason\":\"NotFound\"", await missing.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        using var post = await anonymous.PostAsync("/charts/index.yaml", new StringContent("x"), Cancel);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);

        foreach (var path in new[] { "/charts", "/chartsx/index.yaml", "/api/v1/namespaces", "/charts/../api/v1/secrets" })
        {
            using var refused = await anonymous.GetAsync(path, Cancel);
            Assert.True(refused.StatusCode == HttpStatusCode.Unauthorized, $"{path}: {refused.StatusCode}");
        }
    }

    [Fact]
    public async Task A_prefix_of_the_kubernetes_api_or_not_a_folder_is_refused()
    {
        await using var api = await ApiTestCluster.StartAsync();

        foreach (var prefix in new[] { "/api/", "/apis/charts/", "/openapi/", "/healthz/x/", "charts/", "/charts", "/" })
        {
            var error = Assert.Throws<ArgumentException>(() => api.Cluster.ServePublicFiles(prefix, Files));
            Assert.Contains($"'{prefix}' cannot hold public files", error.Message, StringComparison.Ordinal);
        }
    }
}
