using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Labs.Kube.Tests;

public sealed class KubeClientWatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Event(string type, string name, string rv, int replicas = 0) =>
        "{\"type\":\"" + type + "\",\"object\":{\"kind\":\"Deployment\",\"metadata\":{\"name\":\"" + name + "\",\"resourceVersion\":\"" + rv
        + "\"},\"status\":{\"readyReplicas\":" + replicas.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}}";

    private static async Task WritePiecesAsync(HttpContext context, string text, int piece)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var i = 0; i < bytes.Length; i += piece)
        {
            await context.Response.Body.WriteAsync(bytes.AsMemory(i, Math.Min(piece, bytes.Length - i)));
            await context.Response.Body.FlushAsync();
        }
    }

    [Fact]
    public async Task Events_are_yielded_as_they_stream_and_the_watch_ends_when_the_server_closes()
    {
        var queries = new ConcurrentQueue<string>();
        await using var server = await FakeApiServer.StartAsync(app => app.Run(async c =>
        {
            queries.Enqueue(c.Request.Path + c.Request.QueryString);
            c.Response.ContentType = "application/json";
            await WritePiecesAsync(c, Event("ADDED", "web", "5") + "\n", 7);
            await Task.Delay(100);
            await WritePiecesAsync(c, Event("MODIFIED", "web", "6") + "\n" + """{"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired","message":"too old"}}""" + "\n", 5);
        }));
        using var client = server.CreateClient();

        var events = new List<WatchEvent>();
        await foreach (var e in client.WatchAsync(ResourceType.Deployments, "ns", new WatchOptions("4", "app=web", "metadata.name=web", 60, AllowWatchBookmarks: true), Ct))
        {
            events.Add(e);
        }

        Assert.Equal(["ADDED", "MODIFIED", "ERROR"], events.Select(e => e.Type));
        Assert.Equal("6", events[1].Object["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(
            "/apis/apps/v1/namespaces/ns/deployments?watch=true&resourceVersion=4&labelSelector=app%3Dweb&fieldSelector=metadata.name%3Dweb&timeoutSeconds=60&allowWatchBookmarks=true",
            Assert.Single(queries));
    }

    [Fact]
    public async Task A_refused_watch_raises_the_status()
    {
        await using var server = await FakeApiServer.StartAsync(app => app.Run(c =>
        {
            c.Response.StatusCode = 403;
            return c.Response.WriteAsync("""{"kind":"Status","status":"Failure","message":"pods is forbidden","reason":"Forbidden","code":403}""");
        }));
        using var client = server.CreateClient();

        var e = await Assert.ThrowsAsync<KubeApiException>(async () =>
        {
            await foreach (var _ in client.WatchAsync(ResourceType.Pods, "ns", null, Ct))
            {
            }
        });

        Assert.Equal(403, e.Code);
        Assert.Equal("pods is forbidden", e.Message);
    }

    [Fact]
    public async Task Cancelling_stops_a_quiet_watch()
    {
        await using var server = await FakeApiServer.StartAsync(app => app.Run(async c =>
        {
            await c.Response.WriteAsync(Event("ADDED", "web", "1") + "\n");
            await c.Response.Body.FlushAsync();
            await Task.Delay(TimeSpan.FromMinutes(2), c.RequestAborted);
        }));
        using var client = server.CreateClient();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.WatchAsync(ResourceType.Deployments, "ns", null, cts.Token))
            {
                seen++;
                cts.CancelAfter(200);
            }
        });
        Assert.Equal(1, seen);
    }

    [Fact]
    public async Task WaitFor_returns_at_once_when_the_object_already_matches()
    {
        await using var server = await FakeApiServer.StartAsync(app =>
            app.MapGet("/apis/apps/v1/namespaces/ns/deployments/web", () => Results.Text("""{"metadata":{"name":"web","resourceVersion":"3"},"status":{"readyReplicas":2}}""", "application/json")));
        using var client = server.CreateClient();

        var obj = await client.WaitForAsync(ResourceType.Deployments, "ns", "web", Ready, TimeSpan.FromSeconds(30), Ct);

        Assert.Equal("3", obj["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task WaitFor_watches_from_the_read_version_and_reestablishes_closed_watches()
    {
        var watches = new ConcurrentQueue<string>();
        await using var server = await FakeApiServer.StartAsync(app =>
        {
            app.MapGet("/apis/apps/v1/namespaces/ns/deployments/web", () => Results.Text("""{"metadata":{"name":"web","resourceVersion":"3"},"status":{"readyReplicas":0}}""", "application/json"));
            app.MapGet("/apis/apps/v1/namespaces/ns/deployments", async (HttpContext c) =>
            {
                watches.Enqueue(c.Request.QueryString.Value!);
                if (watches.Count == 1)
                {
                    // First watch: one event that does not match, then the server closes it.
                    await c.Response.WriteAsync(Event("MODIFIED", "web", "4", 1) + "\n");
                    return;
                }

                await c.Response.WriteAsync(Event("MODIFIED", "web", "5", 2) + "\n");
            });
        });
        using var client = server.CreateClient();

        var obj = await client.WaitForAsync(ResourceType.Deployments, "ns", "web", Ready, TimeSpan.FromSeconds(30), Ct);

        Assert.Equal("5", obj["metadata"]!["resourceVersion"]!.GetValue<string>());
        var queries = watches.ToArray();
        Assert.Contains("resourceVersion=3", queries[0], StringComparison.Ordinal);
        Assert.Contains("fieldSelector=metadata.name%3Dweb", queries[0], StringComparison.Ordinal);
        Assert.Contains("resourceVersion=4", queries[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitFor_times_out_with_a_message_naming_the_object()
    {
        await using var server = await FakeApiServer.StartAsync(app =>
        {
            app.MapGet("/apis/apps/v1/namespaces/ns/deployments/web", () => Results.Text("""{"metadata":{"name":"web","resourceVersion":"3"},"status":{}}""", "application/json"));
            app.MapGet("/apis/apps/v1/namespaces/ns/deployments", async (HttpContext c) => await Task.Delay(TimeSpan.FromMinutes(2), c.RequestAborted));
        });
        using var client = server.CreateClient();

        var e = await Assert.ThrowsAsync<TimeoutException>(() => client.WaitForAsync(ResourceType.Deployments, "ns", "web", Ready, TimeSpan.FromSeconds(1), Ct));

        Assert.Contains("Deployment ns/web", e.Message, StringComparison.Ordinal);
    }

    private static bool Ready(System.Text.Json.Nodes.JsonObject o) => o["status"]?["readyReplicas"]?.GetValue<int>() == 2;
}
