using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Labs.Cluster.Tests.Api;

public sealed class BodyLimitTests
{
    [Theory]
    [InlineData("POST", "/api/v1/namespaces/default/configmaps", "application/json")]
    [InlineData("PATCH", "/api/v1/namespaces/default/configmaps/c", "application/merge-patch+json")]
    [InlineData("DELETE", "/api/v1/namespaces/default/configmaps/c", "application/json")]
    public async Task An_endless_body_without_a_length_is_refused_soon_after_the_limit(string method, string path, string contentType)
    {
        var store = new InMemoryObjectStore();
        store.Create(new GroupResource("", "namespaces"), null, JsonNode.Parse("""{"metadata":{"name":"default"}}""")!.AsObject());
        store.Create(new GroupResource("", "configmaps"), "default", JsonNode.Parse("""{"metadata":{"name":"c"}}""")!.AsObject());
        using var server = new ApiServer(store, new ApiServerHooks(), NullLogger.Instance);
        var body = new LargeJsonStream(-1);
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.ContentType = contentType;
        context.Request.Body = body;
        context.Response.Body = new MemoryStream();

        await server.HandleAsync(context);

        Assert.Equal(413, context.Response.StatusCode);
        // Read in chunks and stopped at the first one past 3 MiB: never buffered an unbounded body.
        Assert.InRange(body.Served, 3 * 1024 * 1024, (3 * 1024 * 1024) + (64 * 1024));
        Assert.NotNull(store.Get(new GroupResource("", "configmaps"), "default", "c"));
    }
}
