using System.Text.Json.Nodes;

namespace Labs.Cluster.Tests.Api;

public sealed class WatchTests
{
    private static async Task<(HttpResponseMessage Response, StreamReader Reader)> OpenWatchAsync(ApiTestCluster cluster, string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var response = await cluster.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
        var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        return (response, new StreamReader(stream));
    }

    private static async Task<JsonObject> NextEventAsync(StreamReader reader)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var line = await reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the watch ended");
        return JsonNode.Parse(line)!.AsObject();
    }

    [Fact]
    public async Task Watch_from_zero_sends_current_objects_then_live_changes()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.PostAsync("/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"first","labels":{"w":"1"}}}""");
        var (response, reader) = await OpenWatchAsync(cluster, "/api/v1/namespaces/default/configmaps?watch=true&labelSelector=w%3D1");
        using (response)
        using (reader)
        {
            var added = await NextEventAsync(reader);
            Assert.Equal("ADDED", (string?)added["type"]);
            Assert.Equal("first", (string?)added["object"]!["metadata"]!["name"]);

            await cluster.PostAsync("/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"second","labels":{"w":"1"}}}""");
            var live = await NextEventAsync(reader);
            Assert.Equal("second", (string?)live["object"]!["metadata"]!["name"]);

            await cluster.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/second",
                """{"metadata":{"labels":{"w":"2"}}}""", "application/merge-patch+json");
            var left = await NextEventAsync(reader);
            Assert.Equal("DELETED", (string?)left["type"]);
        }
    }

    [Fact]
    public async Task Watch_from_a_resource_version_replays_later_changes()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var first = await cluster.PostAsync("/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"a"}}""");
        var rv = (string?)first.Body!["metadata"]!["resourceVersion"];
        await cluster.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/default/configmaps/a");
        // Only "a": the namespace bootstrapper may add its kube-root-ca.crt ConfigMap to default at any moment.
        var (response, reader) = await OpenWatchAsync(cluster,
            $"/api/v1/namespaces/default/configmaps?watch=1&resourceVersion={rv}&fieldSelector=metadata.name%3Da");
        using (response)
        using (reader)
        {
            var deleted = await NextEventAsync(reader);
            Assert.Equal("DELETED", (string?)deleted["type"]);
        }
    }

    [Fact]
    public async Task Watch_ends_at_timeout_seconds()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var (response, reader) = await OpenWatchAsync(cluster, "/api/v1/namespaces/default/secrets?watch=true&timeoutSeconds=1");
        using (response)
        using (reader)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var rest = await reader.ReadToEndAsync(timeout.Token);
            Assert.Equal(string.Empty, rest.Trim());
        }
    }

    [Fact]
    public async Task Bookmarks_arrive_when_allowed()
    {
        await using var cluster = await ApiTestCluster.StartAsync(bookmarkInterval: TimeSpan.FromMilliseconds(200));
        var (response, reader) = await OpenWatchAsync(cluster, "/api/v1/namespaces/default/secrets?watch=true&allowWatchBookmarks=true&resourceVersion=0");
        using (response)
        using (reader)
        {
            var bookmark = await NextEventAsync(reader);
            Assert.Equal("BOOKMARK", (string?)bookmark["type"]);
            Assert.False(string.IsNullOrEmpty((string?)bookmark["object"]!["metadata"]!["resourceVersion"]));
        }
    }

    [Fact]
    public async Task Table_watches_send_one_row_tables()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.PostAsync("/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"t"},"data":{"a":"b"}}""");
        var (response, reader) = await OpenWatchAsync(cluster, "/api/v1/namespaces/default/configmaps?watch=true&fieldSelector=metadata.name%3Dt",
            "application/json;as=Table;v=v1;g=meta.k8s.io");
        using (response)
        using (reader)
        {
            var added = await NextEventAsync(reader);
            Assert.Equal("Table", (string?)added["object"]!["kind"]);
            Assert.Single(added["object"]!["rows"]!.AsArray());
            Assert.Equal(1, (int)added["object"]!["rows"]![0]!["cells"]![1]!);
        }
    }

    [Fact]
    public async Task Disposing_the_cluster_ends_open_watches_promptly()
    {
        var cluster = await ApiTestCluster.StartAsync();
        var (response, reader) = await OpenWatchAsync(cluster, "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0");
        using (response)
        using (reader)
        {
            var started = DateTime.UtcNow;
            await cluster.DisposeAsync();
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "disposing waited for the open watch");
        }
    }
}
