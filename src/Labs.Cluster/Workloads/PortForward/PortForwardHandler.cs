using System.Globalization;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Workloads.Network;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Labs.Cluster.Workloads.PortForward;

/// <summary>
/// <c>pods/NAME/portforward</c> as the kubelet answers it: SPDY/3.1 in a WebSocket (<c>SPDY/3.1+portforward.k8s.io</c>,
/// what kubectl tries first) or a plain SPDY/3.1 upgrade (its fallback), protocol <c>portforward.k8s.io</c>. Each
/// forwarded connection is a pair of streams with the same <c>requestID</c>: <c>error</c> and <c>data</c>. The data
/// stream is joined to the port through the <see cref="PodNetwork"/> (a simulated server, or a process that runs for
/// real); where nothing listens there, the error stream carries containerd's "connection refused" and both streams
/// are reset, as on a real node.
/// </summary>
internal sealed partial class PortForwardHandler(PodNetwork network, ILogger<PortForwardHandler> logger)
{
    public const string Protocol = "portforward.k8s.io";
    public const string WebSocketProtocol = "SPDY/3.1+" + Protocol;

    // A stream pair must be complete this long after its first stream (the kubelet's stream creation timeout).
    private static readonly TimeSpan PairTimeout = TimeSpan.FromSeconds(30);

    public async Task HandleAsync(HttpContext context, JsonObject pod, CancellationToken cancellationToken)
    {
        if (pod.Str("status", "phase") != "Running")
            throw ApiErrors.BadRequest($"unable to upgrade connection: pod {pod.Name()} is not running");
        var transport = await UpgradeAsync(context);
        await using var session = new SpdySession(transport);
        var pairs = new Dictionary<string, StreamPair>(StringComparer.Ordinal);
        var forwards = new List<Task>();
        try
        {
            await session.RunAsync(
                stream => Accepts(stream.Headers),
                stream =>
                {
                    var id = stream.Headers.GetValueOrDefault("requestid") ?? Derived(stream);
                    lock (pairs)
                    {
                        // What has ended is let go: a page that reloads through the forward opens many connections.
                        forwards.RemoveAll(t => t.IsCompleted);
                        if (!pairs.TryGetValue(id, out var pair))
                        {
                            pairs[id] = pair = new StreamPair(id);
                            forwards.Add(CompleteOrTimeOutAsync(pair, cancellationToken));
                        }

                        if (pair.Add(stream) is { } ready)
                        {
                            pairs.Remove(id);
                            forwards.Add(ForwardAsync(pod, ready, cancellationToken));
                        }
                    }
                },
                cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or WebSocketException)
        {
            LogBroken(logger, pod.Name(), e.Message);
        }

        List<Task> running;
        lock (pairs)
            running = [.. forwards];
        await Task.WhenAll(running);
    }

    private static async Task<Stream> UpgradeAsync(HttpContext context)
    {
        if (context.WebSockets.IsWebSocketRequest)
        {
            if (!context.WebSockets.WebSocketRequestedProtocols.Contains(WebSocketProtocol))
            {
                throw ApiErrors.BadRequest(
                    $"unable to upgrade connection: no supported subprotocol in [{string.Join(", ", context.WebSockets.WebSocketRequestedProtocols)}]; this server speaks {WebSocketProtocol}");
            }

            // .NET refuses '/' in a subprotocol it is given (RFC 6455 says a token), but Kubernetes' has one: the header is
            // set by hand, and the middleware keeps it.
            context.Response.Headers.SecWebSocketProtocol = WebSocketProtocol;
            var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { DangerousEnableCompression = false });
            return WebSocketStream.Create(socket, WebSocketMessageType.Binary, ownsWebSocket: true);
        }

        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        var spdy = context.Request.Headers.Upgrade.Any(u => u?.Contains("SPDY/3.1", StringComparison.OrdinalIgnoreCase) == true);
        if (upgrade is not { IsUpgradableRequest: true } || !spdy)
            throw ApiErrors.BadRequest("Upgrade request required");
        if (!context.Request.Headers["X-Stream-Protocol-Version"].Any(v => v == Protocol))
        {
            context.Response.Headers["X-Accepted-Stream-Protocol-Versions"] = Protocol;
            throw new ApiException(403, "Forbidden", $"unable to upgrade: unable to negotiate protocol: client supports [{context.Request.Headers["X-Stream-Protocol-Version"]}], server accepts [{Protocol}]");
        }

        context.Response.Headers.Connection = "Upgrade";
        context.Response.Headers.Upgrade = "SPDY/3.1";
        context.Response.Headers["X-Stream-Protocol-Version"] = Protocol;
        return await upgrade.UpgradeAsync();
    }

    /// <summary>The kubelet's checks of a new stream: a port from 1 to 65535 and a type of error or data.</summary>
    private static bool Accepts(IReadOnlyDictionary<string, string> headers) =>
        ushort.TryParse(headers.GetValueOrDefault("port"), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0
        && headers.GetValueOrDefault("streamtype") is "error" or "data";

    // Clients before requestID: the error stream's id names the pair, the data stream's is two more.
    private static string Derived(SpdyStream stream) =>
        (stream.Headers["streamtype"] == "data" ? stream.Id - 2 : stream.Id).ToString(CultureInfo.InvariantCulture);

    private static async Task CompleteOrTimeOutAsync(StreamPair pair, CancellationToken cancellationToken)
    {
        try
        {
            await pair.Complete.WaitAsync(PairTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            if (pair.Error is { } error)
            {
                await error.WriteAsync(Encoding.UTF8.GetBytes($"(conn=portforward, request={pair.RequestId}) timed out waiting for streams"), cancellationToken);
                await error.ResetAsync(cancellationToken);
            }

            if (pair.Data is { } data)
                await data.ResetAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The session ended.
        }
    }

    private async Task ForwardAsync(JsonObject pod, (SpdyStream Error, SpdyStream Data) pair, CancellationToken cancellationToken)
    {
        var (error, data) = pair;
        var port = int.Parse(data.Headers["port"], CultureInfo.InvariantCulture);
        try
        {
            using var aborted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, data.Aborted);
            var tunnel = await network.ConnectAsync(pod, port, $"127.0.0.1:{Ephemeral.Next()}", aborted.Token);

            if (tunnel is null)
            {
                await error.WriteAsync(Encoding.UTF8.GetBytes(Refused(pod, port)), cancellationToken);
                await data.ResetAsync(cancellationToken);
                await error.ResetAsync(cancellationToken);
                return;
            }

            await using (tunnel)
            {
                var toPod = CopyToPodAsync(data, tunnel, aborted.Token);
                var buffer = new byte[32 * 1024];
                int n;
                while ((n = await tunnel.ReadAsync(buffer, aborted.Token)) > 0)
                    await data.WriteAsync(buffer.AsMemory(0, n), aborted.Token);
                await data.CloseAsync(cancellationToken);
                await error.CloseAsync(cancellationToken);
                data.StopReceiving();
                await toPod;
            }
        }
        catch (OperationCanceledException)
        {
            // The client reset the stream, or the session ended.
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or WebSocketException)
        {
            LogBroken(logger, pod.Name(), e.Message);
        }
        finally
        {
            data.StopReceiving();
            error.StopReceiving();
        }
    }

    private static async Task CopyToPodAsync(SpdyStream data, Stream tunnel, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var chunk in data.Inbound.ReadAllAsync(cancellationToken))
                await tunnel.WriteAsync(chunk, cancellationToken);
            (tunnel as IHalfClosable)?.CloseWrite();
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The pod's side closed, or the client went away.
        }
    }

    /// <summary>containerd's answer for a port nothing listens on, as the kubelet passes it to the client.</summary>
    private static string Refused(JsonObject pod, int port)
    {
        var sandbox = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(pod.Uid())));
        var netns = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("netns/" + pod.Uid()))[..16]);
        var p = port.ToString(CultureInfo.InvariantCulture);
        return $"error forwarding port {p} to pod {sandbox}, uid : failed to execute portforward in network namespace \"/var/run/netns/cni-{netns}\": "
            + $"failed to connect to localhost:{p} inside namespace \"{sandbox}\", IPv4: dial tcp4 127.0.0.1:{p}: connect: connection refused "
            + $"IPv6 dial tcp6 [::1]:{p}: connect: connection refused ";
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "port-forward to pod {Pod} ended: {Reason}")]
    private static partial void LogBroken(ILogger logger, string pod, string reason);

    /// <summary>The two streams of one forwarded connection, as they arrive.</summary>
    private sealed class StreamPair(string requestId)
    {
        private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string RequestId { get; } = requestId;

        public SpdyStream? Error { get; private set; }

        public SpdyStream? Data { get; private set; }

        public Task Complete => _complete.Task;

        /// <summary>Adds a stream; the pair once both are there (a second stream of a type already there is refused).</summary>
        public (SpdyStream Error, SpdyStream Data)? Add(SpdyStream stream)
        {
            if (stream.Headers["streamtype"] == "error" && Error is null)
                Error = stream;
            else if (stream.Headers["streamtype"] == "data" && Data is null)
                Data = stream;
            else
                _ = stream.ResetAsync(CancellationToken.None);
            if (Error is null || Data is null || !_complete.TrySetResult())
                return null;
            return (Error, Data);
        }
    }
}
