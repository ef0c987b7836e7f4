using System.Text.Json.Nodes;

namespace Labs.Cluster.Tests.Api.Apply;

public sealed class ServerSideApplyApiTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";
    private const string Apply = "application/apply-patch+yaml";

    private static string[] Managers(JsonNode? obj) =>
        [.. (obj?["metadata"]?["managedFields"] as JsonArray ?? []).Select(e => $"{e!["manager"]}/{e["operation"]}")];

    [Fact]
    public async Task An_apply_without_a_field_manager_is_refused_as_the_apiserver_refuses_it()
    {
        await using var cluster = await ApiTestCluster.StartAsync();

        var result = await cluster.SendAsync(HttpMethod.Patch, $"{ConfigMaps}/c",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}""", Apply);

        Assert.Equal(422, result.Status);
        Assert.Equal("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch", (string?)result.Body!["message"]);
        Assert.Equal(404, (await cluster.GetAsync($"{ConfigMaps}/c")).Status);
    }

    [Fact]
    public async Task Force_is_refused_on_a_patch_that_is_not_an_apply()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.PostAsync(ConfigMaps, """{"metadata":{"name":"c"},"data":{"a":"1"}}""");

        var result = await cluster.SendAsync(HttpMethod.Patch, $"{ConfigMaps}/c?force=true", """{"data":{"a":"2"}}""", "application/merge-patch+json");

        Assert.Equal(422, result.Status);
        Assert.Equal("PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for non-apply patch", (string?)result.Body!["message"]);
    }

    [Fact]
    public async Task Managed_fields_are_stored_kept_by_a_replace_that_sends_none_and_survive_a_restart()
    {
        var cluster = await ApiTestCluster.StartAsync();
        try
        {
            await cluster.SendAsync(HttpMethod.Post, $"{ConfigMaps}?fieldManager=kubectl-create", """{"metadata":{"name":"c"},"data":{"a":"1"}}""");
            await cluster.SendAsync(HttpMethod.Patch, $"{ConfigMaps}/c?fieldManager=ci",
                """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"b":"2"}}""", Apply);
            var live = (await cluster.GetAsync($"{ConfigMaps}/c")).Body!.AsObject();
            live["metadata"]!.AsObject().Remove("managedFields");
            live["metadata"]!.AsObject().Remove("resourceVersion");
            Assert.Equal(200, (await cluster.SendAsync(HttpMethod.Put, $"{ConfigMaps}/c?fieldManager=kubectl-replace", live.ToJsonString())).Status);

            cluster = await cluster.RestartAsync();
            var stored = (await cluster.GetAsync($"{ConfigMaps}/c")).Body;

            Assert.Equal(["ci/Apply", "kubectl-create/Update"], Managers(stored));
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_apply_of_a_changed_value_another_manager_owns_is_a_conflict_until_forced()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.SendAsync(HttpMethod.Post, $"{ConfigMaps}?fieldManager=kubectl-create", """{"metadata":{"name":"c"},"data":{"a":"1"}}""");
        const string Config = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"2"}}""";

        var refused = await cluster.SendAsync(HttpMethod.Patch, $"{ConfigMaps}/c?fieldManager=ci&force=false", Config, Apply);
        var forced = await cluster.SendAsync(HttpMethod.Patch, $"{ConfigMaps}/c?fieldManager=ci&force=true", Config, Apply);

        Assert.Equal((409, "Conflict"), (refused.Status, (string?)refused.Body!["reason"]));
        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl-create\" using v1: .data.a", (string?)refused.Body["message"]);
        Assert.Equal(200, forced.Status);
        Assert.Equal("2", (string?)forced.Body!["data"]!["a"]);
        Assert.Equal(["ci/Apply", "kubectl-create/Update"], Managers(forced.Body));
    }

    [Fact]
    public async Task A_write_without_a_field_manager_is_recorded_under_its_user_agent_up_to_the_first_slash()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, ConfigMaps)
        {
            Content = new StringContent("""{"metadata":{"name":"c"},"data":{"a":"1"}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("User-Agent", "kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd");
        using var response = await cluster.Client.SendAsync(request, TestContext.Current.CancellationToken);

        var stored = (await cluster.GetAsync($"{ConfigMaps}/c")).Body;

        Assert.Equal(201, (int)response.StatusCode);
        Assert.Equal(["kubectl/Update"], Managers(stored));
    }
}
