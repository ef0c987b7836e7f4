using System.Threading.Channels;

namespace Labs.Cluster.Workloads.PortForward;

/// <summary>
/// One stream of a <see cref="SpdySession"/> that the client opened: its headers, what the client sends on it (until
/// its FIN or reset), and the server's half (DATA frames, FIN, reset).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2213", Justification = "Its token source has no timer; the token must stay readable after the stream ends.")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Its token source has no timer; the token must stay readable after the stream ends.")]
internal sealed class SpdyStream
{
    /// <summary>Most bytes of one DATA frame the server sends.</summary>
    private const int MaxDataFrame = 32 * 1024;

    private readonly SpdySession _session;
    private readonly Channel<byte[]> _inbound = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _reset = new();
    private int _closed;

    public SpdyStream(SpdySession session, uint id, IReadOnlyDictionary<string, string> headers)
    {
        _session = session;
        Id = id;
        Headers = headers;
    }

    public uint Id { get; }

    /// <summary>The stream's headers, names lowercase.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>What the client sends, chunk by chunk, until it half-closes (FIN) or the stream is reset.</summary>
    public ChannelReader<byte[]> Inbound => _inbound.Reader;

    /// <summary>Cancelled when the client resets the stream or the session ends.</summary>
    public CancellationToken Aborted => _reset.Token;

    /// <summary>Sends <paramref name="data"/> as DATA frames.</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < data.Length; offset += MaxDataFrame)
        {
            await _session.SendDataAsync(Id, data.Slice(offset, Math.Min(MaxDataFrame, data.Length - offset)), fin: false, cancellationToken);
        }
    }

    /// <summary>Half-closes the server's side (an empty DATA frame with FIN), once; nothing after a reset.</summary>
    public Task CloseAsync(CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref _closed, 1) == 0 && !Aborted.IsCancellationRequested
            ? _session.SendDataAsync(Id, ReadOnlyMemory<byte>.Empty, fin: true, cancellationToken)
            : Task.CompletedTask;

    /// <summary>Resets the stream (RST_STREAM CANCEL), once; what the client still sends on it is dropped.</summary>
    public Task ResetAsync(CancellationToken cancellationToken)
    {
        StopReceiving();
        return Interlocked.Exchange(ref _closed, 1) == 0 && !Aborted.IsCancellationRequested
            ? _session.SendResetAsync(Id, SpdySession.StatusCancel, cancellationToken)
            : Task.CompletedTask;
    }

    /// <summary>Drops whatever the client still sends: nobody reads it any more.</summary>
    public void StopReceiving() => _inbound.Writer.TryComplete();

    internal async ValueTask ReceiveAsync(byte[] data, CancellationToken cancellationToken)
    {
        if (data.Length == 0)
            return;
        try
        {
            await _inbound.Writer.WriteAsync(data, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            // After the client's FIN, or once the server stopped reading: dropped.
        }
    }

    internal void ReceiveFin() => _inbound.Writer.TryComplete();

    /// <summary>The client reset the stream, or the session ended.</summary>
    internal void Abort()
    {
        _inbound.Writer.TryComplete();
        _reset.Cancel();
    }
}
