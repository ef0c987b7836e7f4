using System.Net.WebSockets;
using k8s;

namespace Labs.Kube.Tests;

/// <summary>An exec WebSocket whose command prints without end (as <c>yes</c> does): every receive is a stdout message.</summary>
internal sealed class EndlessOutputWebSocket(int messageBytes) : WebSocket
{
    private long _served;
    private WebSocketState _state = WebSocketState.Open;

    /// <summary>Output bytes handed to the reader so far (without the channel bytes).</summary>
    public long Served => Interlocked.Read(ref _served);

    public override WebSocketCloseStatus? CloseStatus => null;

    public override string? CloseStatusDescription => null;

    public override WebSocketState State => _state;

    public override string SubProtocol => WebSocketProtocol.V4BinaryWebsocketProtocol;

    public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var length = Math.Min(buffer.Count, messageBytes + 1);
        buffer[0] = (byte)ChannelIndex.StdOut;
        buffer.AsSpan(1, length - 1).Fill((byte)'y');
        Interlocked.Add(ref _served, length - 1);
        return Task.FromResult(new WebSocketReceiveResult(length, WebSocketMessageType.Binary, true));
    }

    public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken)
    {
        _state = WebSocketState.Closed;
        return Task.CompletedTask;
    }

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        CloseAsync(closeStatus, statusDescription, cancellationToken);

    public override void Abort() => _state = WebSocketState.Aborted;

    public override void Dispose() => _state = WebSocketState.Closed;
}
