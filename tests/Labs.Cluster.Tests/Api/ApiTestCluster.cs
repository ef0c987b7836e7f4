using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Labs.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Labs.Cluster.Tests.Api;

/// <summary>An embedded cluster on an ephemeral port with a temp data directory, and an admin HttpClient trusting its CA.</summary>
internal sealed class ApiTestCluster : IAsyncDisposable
{
    private readonly string _dataDirectory;

    private ApiTestCluster(EmbeddedCluster cluster, string dataDirectory)
    {
        Cluster = cluster;
        _dataDirectory = dataDirectory;
        Client = CreateClient(cluster.AdminToken);
    }

    public EmbeddedCluster Cluster { get; }

    public HttpClient Client { get; }

    public static Task<ApiTestCluster> StartAsync(bool runWorkloads = false, TimeSpan? bookmarkInterval = null) =>
        StartInAsync(Path.Combine(Path.GetTempPath(), "labs-api-" + Guid.NewGuid().ToString("N")[..8]), runWorkloads, bookmarkInterval);

    /// <summary>Stops this cluster, keeping its data directory, and starts a new one over it (a platform restart).</summary>
    public async Task<ApiTestCluster> RestartAsync()
    {
        Client.Dispose();
        await Cluster.DisposeAsync();
        return await StartInAsync(_dataDirectory, runWorkloads: false, bookmarkInterval: null);
    }

    private static async Task<ApiTestCluster> StartInAsync(string dir, bool runWorkloads, TimeSpan? bookmarkInterval)
    {
        var cluster = await EmbeddedCluster.StartAsync(
            new EmbeddedClusterOptions
            {
                DataDirectory = dir,
                RunWorkloads = runWorkloads,
                BookmarkInterval = bookmarkInterval ?? TimeSpan.FromSeconds(30),
            },
            NullLoggerFactory.Instance,
            TestContext.Current.CancellationToken);
        return new ApiTestCluster(cluster, dir);
    }

    public HttpClient CreateClient(string? token) => ClusterHttp.Create(Cluster.Server, Cluster.CertificateAuthorityPem, token);

    public async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(
        HttpMethod method, string path, string? body = null, string contentType = "application/json", string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        JsonNode? parsed = null;
        if (text.Length > 0 && (text[0] == '{' || text[0] == '['))
        {
            parsed = JsonNode.Parse(text);
        }

        return ((int)response.StatusCode, parsed, response);
    }

    /// <summary>Sends raw content (bytes that need not be valid UTF-8, or a body without a Content-Length).</summary>
    public async Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> SendContentAsync(HttpMethod method, string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, text.StartsWith('{') ? JsonNode.Parse(text) : null, response);
    }

    /// <summary>Asserts that what is stored can still be read: a LIST of the namespace, of all namespaces, and as a Table.</summary>
    public async Task AssertStoreReadableAsync(string resourcePath = "/api/v1/configmaps")
    {
        const string Table = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
        var inNamespace = resourcePath.Replace("/v1/", "/v1/namespaces/default/", StringComparison.Ordinal);
        foreach (var (path, accept) in new[] { (inNamespace, (string?)null), (resourcePath, null), (resourcePath, Table) })
        {
            var (status, body, _) = await GetAsync(path, accept);
            Assert.True(status == 200, $"GET {path} answered {status}: {body?.ToJsonString()}");
        }
    }

    public Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> GetAsync(string path, string? accept = null) =>
        SendAsync(HttpMethod.Get, path, accept: accept);

    public Task<(int Status, JsonNode? Body, HttpResponseMessage Response)> PostAsync(string path, string body) =>
        SendAsync(HttpMethod.Post, path, body);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
