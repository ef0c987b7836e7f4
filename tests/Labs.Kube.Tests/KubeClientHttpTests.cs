using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Labs.Kube.Tests;

public sealed class KubeClientHttpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Seen(string Method, string PathAndQuery, string? ContentType, string? Authorization, string Body);

    private static async Task<(FakeApiServer Server, ConcurrentQueue<Seen> Seen)> StartAsync(Func<HttpContext, Task> handler)
    {
        var seen = new ConcurrentQueue<Seen>();
        var server = await FakeApiServer.StartAsync(app => app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            seen.Enqueue(new Seen(context.Request.Method, context.Request.Path + context.Request.QueryString, context.Request.ContentType, context.Request.Headers.Authorization, body));
            await handler(context);
        }));
        return (server, seen);
    }

    private static Task Json(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    }

    private const string NotFound = """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"configmaps \"x\" not found","reason":"NotFound","code":404}""";

    [Fact]
    public async Task Get_returns_the_object_and_sends_the_bearer_token()
    {
        var (server, seen) = await StartAsync(c => Json(c, 200, """{"kind":"ConfigMap","metadata":{"name":"a"}}"""));
        await using var _ = server;
        using var client = server.CreateClient();

        var obj = await client.GetAsync(ResourceType.ConfigMaps, "ns", "a", Ct);

        Assert.Equal("ConfigMap", obj!["kind"]!.GetValue<string>());
        var request = Assert.Single(seen);
        Assert.Equal("GET /api/v1/namespaces/ns/configmaps/a", $"{request.Method} {request.PathAndQuery}");
        Assert.Equal("Bearer test-token", request.Authorization);
    }

    [Fact]
    public async Task Get_returns_null_on_404()
    {
        var (server, _) = await StartAsync(c => Json(c, 404, NotFound));
        await using var _s = server;
        using var client = server.CreateClient();

        Assert.Null(await client.GetAsync(ResourceType.ConfigMaps, "ns", "x", Ct));
    }

    [Fact]
    public async Task List_sends_selectors()
    {
        var (server, seen) = await StartAsync(c => Json(c, 200, """{"kind":"PodList","items":[]}"""));
        await using var _ = server;
        using var client = server.CreateClient();

        var list = await client.ListAsync(ResourceType.Pods, null, new ListOptions("app=web", "status.phase=Running"), Ct);

        Assert.Empty(list["items"]!.AsArray());
        Assert.Equal("/api/v1/pods?labelSelector=app%3Dweb&fieldSelector=status.phase%3DRunning", Assert.Single(seen).PathAndQuery);
    }

    [Fact]
    public async Task Create_posts_json_with_the_field_manager()
    {
        var (server, seen) = await StartAsync(c => Json(c, 201, """{"kind":"ConfigMap","metadata":{"name":"a","uid":"u1"}}"""));
        await using var _ = server;
        using var client = server.CreateClient();

        var created = await client.CreateAsync(ResourceType.ConfigMaps, "ns", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "a" } }, Ct);

        Assert.Equal("u1", created["metadata"]!["uid"]!.GetValue<string>());
        var request = Assert.Single(seen);
        Assert.Equal("POST /api/v1/namespaces/ns/configmaps?fieldManager=labs", $"{request.Method} {request.PathAndQuery}");
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("a", JsonNode.Parse(request.Body)!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_without_a_namespace_uses_the_bodys_namespace_or_says_one_is_needed()
    {
        var (server, seen) = await StartAsync(c => Json(c, 201, "{}"));
        await using var _ = server;
        using var client = server.CreateClient();

        await client.CreateAsync(ResourceType.ConfigMaps, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "a", ["namespace"] = "team" } }, Ct);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => client.CreateAsync(ResourceType.ConfigMaps, null, new JsonObject(), Ct));

        Assert.Equal("/api/v1/namespaces/team/configmaps?fieldManager=labs", Assert.Single(seen).PathAndQuery);
        Assert.Contains("needs a namespace", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replace_puts_to_the_object_url()
    {
        var (server, seen) = await StartAsync(c => Json(c, 200, "{}"));
        await using var _ = server;
        using var client = server.CreateClient();

        await client.ReplaceAsync(ResourceType.Deployments, "ns", "web", new JsonObject(), Ct);

        Assert.Equal("PUT /apis/apps/v1/namespaces/ns/deployments/web?fieldManager=labs", $"{Assert.Single(seen).Method} {seen.Single().PathAndQuery}");
    }

    [Theory]
    [InlineData(PatchType.Merge, "application/merge-patch+json")]
    [InlineData(PatchType.Json, "application/json-patch+json")]
    [InlineData(PatchType.StrategicMerge, "application/strategic-merge-patch+json")]
    public async Task Patch_sends_the_content_type_of_its_patch_type(PatchType type, string contentType)
    {
        var (server, seen) = await StartAsync(c => Json(c, 200, "{}"));
        await using var _ = server;
        using var client = server.CreateClient();

        await client.PatchAsync(ResourceType.Deployments, "ns", "web", type, new JsonObject { ["spec"] = new JsonObject { ["replicas"] = 3 } }, Ct);

        var request = Assert.Single(seen);
        Assert.Equal("PATCH", request.Method);
        Assert.Equal(contentType, request.ContentType?.Split(';')[0]);
    }

    [Fact]
    public async Task Delete_sends_background_propagation_and_reports_existence()
    {
        var calls = 0;
        var (server, seen) = await StartAsync(c => Interlocked.Increment(ref calls) == 1
            ? Json(c, 200, """{"kind":"Status","status":"Success"}""")
            : Json(c, 404, NotFound));
        await using var _ = server;
        using var client = server.CreateClient();

        Assert.True(await client.DeleteAsync(ResourceType.ConfigMaps, "ns", "a", Ct));
        Assert.False(await client.DeleteAsync(ResourceType.ConfigMaps, "ns", "a", Ct));

        var body = JsonNode.Parse(seen.First().Body)!;
        Assert.Equal("DELETE", seen.First().Method);
        Assert.Equal("DeleteOptions", body["kind"]!.GetValue<string>());
        Assert.Equal("Background", body["propagationPolicy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Subresources_are_posted_to()
    {
        var (server, seen) = await StartAsync(c => Json(c, 201, """{"kind":"TokenRequest","status":{"token":"t"}}"""));
        await using var _ = server;
        using var client = server.CreateClient();

        var result = await client.CreateSubresourceAsync(ResourceType.ServiceAccounts, "ns", "learner", "token", new JsonObject { ["kind"] = "TokenRequest" }, Ct);

        Assert.Equal("t", result["status"]!["token"]!.GetValue<string>());
        Assert.Equal("/api/v1/namespaces/ns/serviceaccounts/learner/token", Assert.Single(seen).PathAndQuery);
    }

    [Fact]
    public async Task Error_statuses_become_api_exceptions()
    {
        var (server, _) = await StartAsync(c => Json(c, 409, """{"kind":"Status","status":"Failure","message":"configmaps \"a\" already exists","reason":"AlreadyExists","code":409}"""));
        await using var _s = server;
        using var client = server.CreateClient();

        var e = await Assert.ThrowsAsync<KubeApiException>(() => client.CreateAsync(ResourceType.ConfigMaps, "ns", new JsonObject(), Ct));

        Assert.Equal(409, e.Code);
        Assert.Equal("AlreadyExists", e.Reason);
        Assert.Equal("configmaps \"a\" already exists", e.Message);
    }

    [Fact]
    public async Task A_404_on_list_is_an_exception_not_null()
    {
        var (server, _) = await StartAsync(c => Json(c, 404, NotFound));
        await using var _s = server;
        using var client = server.CreateClient();

        var e = await Assert.ThrowsAsync<KubeApiException>(() => client.ListAsync(ResourceType.ConfigMaps, "ns", null, Ct));

        Assert.Equal("NotFound", e.Reason);
    }

    [Fact]
    public async Task A_success_body_that_is_not_json_is_a_clear_error()
    {
        var (server, _) = await StartAsync(c => c.Response.WriteAsync("hello"));
        await using var _s = server;
        using var client = server.CreateClient();

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => client.GetAsync(ResourceType.Pods, "ns", "p", Ct));

        Assert.Contains("not JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_server_hits_the_request_timeout()
    {
        var (server, _) = await StartAsync(async c => await Task.Delay(TimeSpan.FromSeconds(30), c.RequestAborted));
        await using var _s = server;
        using var client = server.CreateClient(TimeSpan.FromMilliseconds(500));

        var e = await Assert.ThrowsAsync<TimeoutException>(() => client.GetAsync(ResourceType.Pods, "ns", "p", Ct));

        Assert.Contains("/api/v1/namespaces/ns/pods/p", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        var (server, _) = await StartAsync(async c => await Task.Delay(TimeSpan.FromSeconds(30), c.RequestAborted));
        await using var _s = server;
        using var client = server.CreateClient();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(300);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync(ResourceType.Pods, "ns", "p", cts.Token));
    }
}
