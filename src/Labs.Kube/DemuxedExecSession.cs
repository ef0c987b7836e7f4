using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using k8s;

namespace Labs.Kube;

/// <summary>
/// A running exec over KubernetesClient's <see cref="StreamDemuxer"/>. The demuxer's streams block on read, so one
/// dedicated thread per output stream (not a pool thread) copies them into a small bounded queue that
/// <see cref="ReadOutputAsync"/> drains; when the queue is full that thread waits, the demuxer's buffer fills, and
/// <see cref="BoundedReceiveWebSocket"/> stops the demuxer receiving at <see cref="OutputWindowBytes"/> unread (the
/// demuxer alone would buffer 40 MiB per stream and then end it). Reading stops, so the API server's sends wait and the
/// command blocks on its output. Once the output ends, the status channel gives the exit code. Writes are serialised:
/// a WebSocket allows one send at a time.
/// </summary>
/// <remarks>
/// <see cref="Completion"/> completes with the exit code, with -1 when the stream ended (or the session was
/// disposed) without a status, and faults with <see cref="KubernetesException"/> for a failure status.
/// </remarks>
internal sealed partial class DemuxedExecSession : IExecSession
{
    /// <summary>Stdin goes out in pieces of at most this size: API servers cap the size of one message.</summary>
    private const int MaxStdinChunk = 32 * 1024;

    /// <summary>Output received but not yet read before the socket is no longer read (besides the queue's chunks).</summary>
    internal const int OutputWindowBytes = 256 * 1024;

    /// <summary>Chunks of at most 16 KiB waiting for <see cref="ReadOutputAsync"/>.</summary>
    private const int QueuedChunks = 16;

    private readonly WebSocket _socket;
    private readonly BoundedReceiveWebSocket _bounded;
    private readonly StreamDemuxer _demuxer;
    private readonly string _target;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Channel<ExecOutput> _output = Channel.CreateBounded<ExecOutput>(new BoundedChannelOptions(QueuedChunks) { SingleReader = false, SingleWriter = false });
    private readonly TaskCompletionSource<int> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _finished;
    private int _disposed;

    public DemuxedExecSession(WebSocket socket, ExecRequest request, string target)
    {
        _socket = socket;
        _target = target;
        IsV5 = socket.SubProtocol == WebSocketProtocol.V5BinaryWebsocketProtocol;
        _bounded = new BoundedReceiveWebSocket(socket, request.Tty ? new[] { ChannelIndex.StdOut } : [ChannelIndex.StdOut, ChannelIndex.StdErr], OutputWindowBytes);
        _demuxer = new StreamDemuxer(_bounded, StreamType.RemoteCommand, ownsSocket: true, supportsClose: IsV5);
        var outputs = request.Tty
            ? new[] { (1, _demuxer.GetStream(ChannelIndex.StdOut, null)) }
            : [(1, _demuxer.GetStream(ChannelIndex.StdOut, null)), (2, _demuxer.GetStream(ChannelIndex.StdErr, null))];
        var status = _demuxer.GetStream(ChannelIndex.Error, null);
        _demuxer.Start();
        _finished = FinishAsync(outputs, status);
    }

    /// <summary>Whether the server agreed on v5, which can close stdin on its own.</summary>
    public bool IsV5 { get; }

    public Task<int> Completion => _completion.Task;

    /// <summary>The socket as the demuxer reads it (how much output waits unread, whether reading is paused).</summary>
    internal BoundedReceiveWebSocket Receiving => _bounded;

    public async Task WriteStdinAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        for (var offset = 0; offset < data.Length; offset += MaxStdinChunk)
        {
            var chunk = data.Slice(offset, Math.Min(MaxStdinChunk, data.Length - offset)).ToArray();
            await SendAsync(() => _demuxer.Write(ChannelIndex.StdIn, chunk, 0, chunk.Length, cancellationToken), cancellationToken);
        }
    }

    public Task ResizeAsync(int columns, int rows, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        var size = JsonSerializer.SerializeToUtf8Bytes(new TerminalSize((ushort)Math.Min(columns, ushort.MaxValue), (ushort)Math.Min(rows, ushort.MaxValue)));
        return SendAsync(() => _demuxer.Write(ChannelIndex.Resize, size, 0, size.Length, cancellationToken), cancellationToken);
    }

    public Task CloseStdinAsync(CancellationToken cancellationToken = default)
    {
        if (!IsV5)
        {
            throw new NotSupportedException(
                $"The API server speaks {WebSocketProtocol.V4BinaryWebsocketProtocol} for exec in {_target}, which cannot close stdin on its own; run a command that does not wait for end of input.");
        }

        return SendAsync(() => _demuxer.CloseChannel(ChannelIndex.StdIn, cancellationToken), cancellationToken);
    }

    public IAsyncEnumerable<ExecOutput> ReadOutputAsync(CancellationToken cancellationToken = default) =>
        _output.Reader.ReadAllAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Unblocks a reader thread that waits for room in the queue nobody drains any more.
        await _stop.CancelAsync();
        await CloseSocketAsync();
        // Stops the demuxer's receive loop, which ends its streams, and disposes the socket it owns.
        _demuxer.Dispose();
        await _finished;
        _stop.Dispose();
        _writeLock.Dispose();
    }

    private async Task SendAsync(Func<Task> send, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await send();
        }
        catch (Exception e) when (e is WebSocketException or InvalidOperationException or ObjectDisposedException)
        {
            throw new IOException($"The exec stream of {_target} is closed; the input was not sent.", e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Ends the WebSocket politely: answers the server's close, or starts one (which stops the command).</summary>
    private async Task CloseSocketAsync()
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            if (await _writeLock.WaitAsync(TimeSpan.FromSeconds(5), timeout.Token))
            {
                try
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                }
                finally
                {
                    _writeLock.Release();
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // Best effort: the demuxer aborts the socket either way.
        }
    }
}
