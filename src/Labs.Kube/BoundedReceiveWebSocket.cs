using System.Net.WebSockets;
using k8s;

namespace Labs.Kube;

/// <summary>
/// The exec WebSocket as KubernetesClient's <see cref="k8s.StreamDemuxer"/> sees it, with the backpressure the demuxer
/// lacks: its receive loop copies every message into a per-channel buffer at once (up to 40 MiB, after which it ends the
/// stream), so a command printing faster than the platform reads would grow memory and then lose its output. Here the
/// loop's next receive waits while more than <see cref="Limit"/> output bytes it delivered are unread; the socket is
/// then not read, TCP's window fills, and the API server (and through it the command) waits as well.
/// </summary>
/// <remarks>
/// Output bytes are counted from the first byte of each message, the channel number (the channel protocol's only
/// framing, which the demuxer parses too); continuation frames belong to the message they continue. Only the channels
/// in the reader's care are counted: a message on another one (the exit status, a v5 close) is never waited for.
/// </remarks>
internal sealed class BoundedReceiveWebSocket : WebSocket
{
    private readonly WebSocket _inner;
    private readonly HashSet<byte> _countedChannels;
    private readonly Lock _gate = new();
    private TaskCompletionSource _room = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _delivered;
    private long _consumed;
    private bool _inMessage;
    private bool _counting;

    public BoundedReceiveWebSocket(WebSocket inner, IEnumerable<ChannelIndex> countedChannels, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        _inner = inner;
        _countedChannels = [.. countedChannels.Select(c => (byte)c)];
        Limit = limit;
    }

    /// <summary>Most output bytes delivered to the demuxer and not yet read from it before receiving stops.</summary>
    public int Limit { get; }

    /// <summary>Output bytes delivered to the demuxer and not yet read from its streams.</summary>
    public long Unread
    {
        get
        {
            lock (_gate)
            {
                return _delivered - _consumed;
            }
        }
    }

    /// <summary>Whether the receive loop is waiting for the reader (for tests and measurements).</summary>
    public bool IsWaiting { get; private set; }

    public override WebSocketCloseStatus? CloseStatus => _inner.CloseStatus;

    public override string? CloseStatusDescription => _inner.CloseStatusDescription;

    public override WebSocketState State => _inner.State;

    public override string? SubProtocol => _inner.SubProtocol;

    /// <summary>The reader took <paramref name="bytes"/> out of the demuxer's streams.</summary>
    public void Consumed(int bytes)
    {
        TaskCompletionSource? wake = null;
        lock (_gate)
        {
            _consumed += bytes;
            if (_delivered - _consumed < Limit)
            {
                wake = _room;
            }
        }

        wake?.TrySetResult();
    }

    public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
    {
        await WaitForRoomAsync(cancellationToken);
        var result = await _inner.ReceiveAsync(buffer, cancellationToken);
        Count(buffer.AsSpan(0, result.Count), result.MessageType, result.EndOfMessage);
        return result;
    }

    public override async ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        await WaitForRoomAsync(cancellationToken);
        var result = await _inner.ReceiveAsync(buffer, cancellationToken);
        Count(buffer.Span[..result.Count], result.MessageType, result.EndOfMessage);
        return result;
    }

    public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        _inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

    public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        _inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        _inner.CloseAsync(closeStatus, statusDescription, cancellationToken);

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        _inner.CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

    public override void Abort() => _inner.Abort();

    public override void Dispose() => _inner.Dispose();

    private async Task WaitForRoomAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task room;
            lock (_gate)
            {
                if (_delivered - _consumed < Limit)
                {
                    IsWaiting = false;
                    return;
                }

                if (_room.Task.IsCompleted)
                {
                    _room = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                room = _room.Task;
                IsWaiting = true;
            }

            await room.WaitAsync(cancellationToken);
        }
    }

    private void Count(ReadOnlySpan<byte> data, WebSocketMessageType type, bool endOfMessage)
    {
        lock (_gate)
        {
            if (type != WebSocketMessageType.Binary)
            {
                _inMessage = !endOfMessage;
                return;
            }

            var payload = data;
            if (!_inMessage && payload.IsEmpty)
            {
                // Nothing yet, not even the channel number: the next frame still starts the message.
                return;
            }

            if (!_inMessage)
            {
                _counting = _countedChannels.Contains(payload[0]);
                payload = payload[1..];
            }

            if (_counting)
            {
                _delivered += payload.Length;
            }

            _inMessage = !endOfMessage;
        }
    }
}
