using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;

namespace Labs.Kube;

/// <summary>
/// An exec stream over a WebSocket speaking the channel protocol. One background loop reads messages into a
/// bounded queue (so a slow reader slows the server down rather than growing memory); writes are serialised.
/// </summary>
/// <remarks>
/// <see cref="Completion"/> completes with the exit code from the status channel, with -1 when the stream
/// closed (or the session was disposed) without a status, faults with <see cref="KubeApiException"/> for a
/// failure status, and with <see cref="IOException"/> when the connection broke. Output is buffered up to 256
/// chunks: a caller must keep reading <see cref="ReadOutputAsync"/> (or dispose the session), otherwise the
/// server is paused and the exit status is not seen.
/// </remarks>
internal sealed class ExecSession : IExecSession
{
    private readonly WebSocket _socket;
    private readonly string _target;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Channel<ExecOutput> _output = Channel.CreateBounded<ExecOutput>(new BoundedChannelOptions(256) { SingleWriter = true });
    private readonly TaskCompletionSource<int> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiveLoop;
    private int _disposed;

    public ExecSession(WebSocket socket, string target)
    {
        _socket = socket;
        _target = target;
        IsV5 = socket.SubProtocol == ExecFrames.V5Protocol;
        _receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>Whether the server agreed on v5 (which can close stdin alone).</summary>
    public bool IsV5 { get; }

    public Task<int> Completion => _completion.Task;

    public async Task WriteStdinAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (data.IsEmpty)
        {
            return;
        }

        await SendAsync(ExecFrames.EncodeStdin(data), cancellationToken);
    }

    public Task ResizeAsync(int columns, int rows, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        return SendAsync([ExecFrames.EncodeResize(columns, rows)], cancellationToken);
    }

    public Task CloseStdinAsync(CancellationToken cancellationToken = default)
    {
        if (!IsV5)
        {
            throw new NotSupportedException($"The API server speaks {ExecFrames.V4Protocol} for exec in {_target}, which cannot close stdin on its own; run a command that does not wait for end of input.");
        }

        return SendAsync([ExecFrames.EncodeCloseStdin()], cancellationToken);
    }

    public IAsyncEnumerable<ExecOutput> ReadOutputAsync(CancellationToken cancellationToken = default) =>
        _output.Reader.ReadAllAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Best effort: the socket is aborted below either way.
            }
        }

        await _stop.CancelAsync();
        _socket.Abort();
        await _receiveLoop;
        _socket.Dispose();
        _stop.Dispose();
        _writeLock.Dispose();
    }

    private async Task SendAsync(IEnumerable<byte[]> frames, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            foreach (var frame in frames)
            {
                await _socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
            }
        }
        catch (Exception e) when (e is WebSocketException or InvalidOperationException)
        {
            throw new IOException($"The exec stream of {_target} is closed; the input was not sent.", e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new ArrayBufferWriter<byte>(64 * 1024);
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await AnswerCloseAsync();
                    break;
                }

                message.Write(buffer.AsSpan(0, result.Count));
                if (!result.EndOfMessage)
                {
                    continue;
                }

                await HandleMessageAsync(message.WrittenMemory);
                message.ResetWrittenCount();
            }

            _completion.TrySetResult(-1);
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            _completion.TrySetResult(-1);
        }
        catch (WebSocketException e)
        {
            _completion.TrySetException(new IOException($"The exec stream of {_target} broke before the command reported its exit status: {e.Message}", e));
        }
        catch (Exception e)
        {
            _completion.TrySetException(e);
        }
        finally
        {
            _output.Writer.TryComplete();
        }
    }

    /// <summary>Completes the close handshake the server started, so it does not wait for us.</summary>
    private async Task AnswerCloseAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            if (await _writeLock.WaitAsync(TimeSpan.FromSeconds(5), _stop.Token))
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
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or InvalidOperationException)
        {
            // The server closed already; nothing left to say.
        }
    }

    private async Task HandleMessageAsync(ReadOnlyMemory<byte> message)
    {
        // Servers open each channel with an empty message; there is nothing to deliver.
        if (message.Length <= 1)
        {
            return;
        }

        var channel = message.Span[0];
        var payload = message[1..];
        switch (channel)
        {
            case ExecFrames.Stdout or ExecFrames.Stderr:
                await _output.Writer.WriteAsync(new ExecOutput(channel, payload.ToArray()), _stop.Token);
                break;
            case ExecFrames.Status:
                try
                {
                    _completion.TrySetResult(ExecFrames.ParseStatus(payload.Span, _target));
                }
                catch (KubeApiException e)
                {
                    _completion.TrySetException(e);
                }

                break;
            default:
                // Unknown channels are ignored, as kubectl does.
                break;
        }
    }
}
