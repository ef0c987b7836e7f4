using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Labs.Cluster.Workloads;

/// <summary>A tiny Kestrel app on 127.0.0.1 that routes pod exec to the simulator, as the API core does.</summary>
internal sealed class ExecServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ExecServer(WebApplication app, string baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public string BaseAddress { get; }

    public static async Task<ExecServer> StartAsync(SimulatorFixture fixture)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.UseWebSockets();
        (string Subresource, Func<HttpContext, JsonObject, Task> Handle)[] routes =
        [
            ("exec", (context, pod) => fixture.Simulator.HandleExecAsync(context, pod, context.RequestAborted)),
            ("attach", (context, pod) => fixture.Simulator.HandleAttachAsync(context, pod, context.RequestAborted)),
            ("log", (context, pod) => fixture.Simulator.HandleLogAsync(context, pod, context.RequestAborted)),
        ];
        foreach (var (subresource, handle) in routes)
        {
            app.MapGet($"/api/v1/namespaces/{{ns}}/pods/{{name}}/{subresource}", async (HttpContext context, string ns, string name) =>
            {
                var pod = fixture.Store.Get(WorkloadResources.Pods, ns, name);
                if (pod is null)
                {
                    context.Response.StatusCode = 404;
                    return;
                }

                await AnswerAsync(context, () => handle(context, pod));
            });
        }

        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Urls.First().Replace("http://", "ws://", StringComparison.Ordinal);
        return new ExecServer(app, address);
    }

    /// <summary>Turns a handler's <see cref="ApiException"/> into its Status answer, as the API pipeline does.</summary>
    private static async Task AnswerAsync(HttpContext context, Func<Task> handler)
    {
        try
        {
            await handler();
        }
        catch (ApiException e)
        {
            await ApiServer.WriteStatusAsync(context, e);
        }
    }

    public async Task<ClientWebSocket> ConnectAsync(string path, string protocol)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(protocol);
        await socket.ConnectAsync(new Uri(BaseAddress + path), TestContext.Current.CancellationToken);
        return socket;
    }

    /// <summary>Reads frames until the server closes: the text per channel.</summary>
    public static async Task<Dictionary<int, string>> ReadAllAsync(ClientWebSocket socket)
    {
        var result = new Dictionary<int, string>();
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var message = new List<byte>();
        while (true)
        {
            var r = await socket.ReceiveAsync(buffer, timeout.Token);
            if (r.MessageType == WebSocketMessageType.Close)
            {
                return result;
            }

            message.AddRange(buffer.AsSpan(0, r.Count));
            if (!r.EndOfMessage || message.Count == 0)
            {
                continue;
            }

            var channel = message[0];
            result[channel] = result.GetValueOrDefault(channel, "") + Encoding.UTF8.GetString(message.ToArray(), 1, message.Count - 1);
            message.Clear();
        }
    }

    /// <summary>Reads frames until <paramref name="channel"/>'s text so far contains <paramref name="expected"/>; returns that text.</summary>
    public static async Task<string> ReadUntilAsync(ClientWebSocket socket, int channel, string expected)
    {
        var text = new StringBuilder();
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!text.ToString().Contains(expected, StringComparison.Ordinal))
        {
            var r = await socket.ReceiveAsync(buffer, timeout.Token);
            if (r.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException($"the session closed before \"{expected}\" came; it sent \"{text}\"");
            }

            if (r.Count > 0 && buffer[0] == channel)
            {
                text.Append(Encoding.UTF8.GetString(buffer, 1, r.Count - 1));
            }
        }

        return text.ToString();
    }

    public static Task SendAsync(ClientWebSocket socket, byte channel, string text) =>
        socket.SendAsync(new byte[] { channel }.Concat(Encoding.UTF8.GetBytes(text)).ToArray(), WebSocketMessageType.Binary, true, TestContext.Current.CancellationToken);

    public static JsonObject Status(Dictionary<int, string> channels) => (JsonObject)JsonNode.Parse(channels[3])!;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
