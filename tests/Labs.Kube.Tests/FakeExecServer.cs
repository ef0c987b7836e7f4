using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Labs.Kube.Tests;

/// <summary>Plays the API server's exec endpoint: accepts the first requested protocol it supports, then runs a script.</summary>
internal static class FakeExecServer
{
    public static Task<FakeApiServer> StartAsync(string[] supported, Func<WebSocket, Task> script) =>
        StartAsync(supported, (socket, _) => script(socket));

    public static Task<FakeApiServer> StartAsync(string[] supported, Func<WebSocket, HttpContext, Task> script) =>
        FakeApiServer.StartAsync(app => app.Map("/api/v1/namespaces/{ns}/pods/{pod}/exec", async (HttpContext context) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                await context.Response.WriteAsync("""{"kind":"Status","status":"Failure","message":"Upgrade request required","reason":"BadRequest","code":400}""");
                return;
            }

            var chosen = context.WebSockets.WebSocketRequestedProtocols.FirstOrDefault(supported.Contains);
            if (chosen is null)
            {
                context.Response.StatusCode = 400;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync(chosen);
            await script(socket, context);
        }));

    /// <summary>The next whole message, or null when the client closed.</summary>
    public static async Task<byte[]?> ReceiveAsync(WebSocket socket)
    {
        using var message = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return message.ToArray();
            }
        }
    }

    public static Task SendAsync(WebSocket socket, byte channel, string text) =>
        socket.SendAsync(ExecFrames.Encode(channel, System.Text.Encoding.UTF8.GetBytes(text)), WebSocketMessageType.Binary, true, CancellationToken.None);

    public static async Task FinishAsync(WebSocket socket, string? status)
    {
        if (status is not null)
        {
            await SendAsync(socket, ExecFrames.Status, status);
        }

        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        // Drain until the client answers the close.
        while (await ReceiveAsync(socket) is not null)
        {
        }
    }

    public const string Success = """{"metadata":{},"status":"Success"}""";

    public static string ExitCode(int code) =>
        "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"" + code + "\"}]}}";
}
