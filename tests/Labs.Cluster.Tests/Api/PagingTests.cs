using System.Text.Json.Nodes;

namespace Labs.Cluster.Tests.Api;

public sealed class PagingTests
{
    private static async Task CreateConfigMapsAsync(ApiTestCluster cluster, string ns, int count)
    {
        await cluster.PostAsync("/api/v1/namespaces", $$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{ns}}}"}}""");

        // Written here first (or already by the namespace bootstrapper), so that no write of it can fall between pages.
        var (root, _, _) = await cluster.PostAsync($"/api/v1/namespaces/{ns}/configmaps",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"kube-root-ca.crt"},"data":{"ca.crt":"x"}}""");
        Assert.True(root is 201 or 409);
        for (var i = 0; i < count; i++)
        {
            var (status, body, _) = await cluster.PostAsync($"/api/v1/namespaces/{ns}/configmaps",
                $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm-{{{i:D2}}}"}}""");
            Assert.True(status == 201, body?.ToJsonString());
        }
    }

    private static List<string> Names(JsonNode? list) =>
        list!["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!).ToList();

    [Fact]
    public async Task A_limited_list_answers_that_many_items_in_name_order_with_a_continue_token_for_the_rest()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await CreateConfigMapsAsync(cluster, "paged", 5);

        var (status, first, _) = await cluster.GetAsync("/api/v1/namespaces/paged/configmaps?limit=2&fieldSelector=metadata.name!%3Dkube-root-ca.crt");

        Assert.Equal(200, status);
        Assert.Equal(["cm-00", "cm-01"], Names(first));
        Assert.Equal(3, (int)first!["metadata"]!["remainingItemCount"]!);
        Assert.False(string.IsNullOrEmpty((string?)first["metadata"]!["continue"]));
    }

    [Fact]
    public async Task Following_the_continue_tokens_lists_every_item_once()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await CreateConfigMapsAsync(cluster, "paged", 5);
        var (_, all, _) = await cluster.GetAsync("/api/v1/namespaces/paged/configmaps");
        var (_, page, _) = await cluster.GetAsync("/api/v1/namespaces/paged/configmaps?limit=2");
        var seen = Names(page);
        var rv = (string?)page!["metadata"]!["resourceVersion"];

        while ((string?)page!["metadata"]!["continue"] is { Length: > 0 } token)
        {
            (_, page, _) = await cluster.GetAsync($"/api/v1/namespaces/paged/configmaps?limit=2&continue={Uri.EscapeDataString(token)}");
            Assert.Equal(rv, (string?)page!["metadata"]!["resourceVersion"]);
            seen.AddRange(Names(page));
        }

        Assert.Equal(Names(all).Order(StringComparer.Ordinal), seen);
        Assert.Null(page["metadata"]!["remainingItemCount"]);
    }

    [Fact]
    public async Task A_continue_token_expires_once_the_listed_resource_changed()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await CreateConfigMapsAsync(cluster, "paged", 3);
        var (_, page, _) = await cluster.GetAsync("/api/v1/namespaces/paged/configmaps?limit=1");
        var token = (string)page!["metadata"]!["continue"]!;
        await cluster.PostAsync("/api/v1/namespaces/paged/configmaps", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"late"}}""");

        var (status, body, _) = await cluster.GetAsync($"/api/v1/namespaces/paged/configmaps?limit=1&continue={Uri.EscapeDataString(token)}");

        Assert.Equal(410, status);
        Assert.Equal("Expired", (string?)body!["reason"]);
    }

    [Fact]
    public async Task A_limited_table_carries_the_continue_token()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await CreateConfigMapsAsync(cluster, "paged", 3);

        var (_, table, _) = await cluster.GetAsync("/api/v1/namespaces/paged/configmaps?limit=2",
            "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");

        Assert.Equal("Table", (string?)table!["kind"]);
        Assert.Equal(2, table["rows"]!.AsArray().Count);
        Assert.False(string.IsNullOrEmpty((string?)table["metadata"]!["continue"]));
    }
}
