using System.Buffers.Binary;
using System.Collections.Concurrent;

namespace Labs.Cluster.Workloads.PortForward;

/// <summary>
/// The server's side of a SPDY/3.1 connection as Kubernetes clients speak it (moby/spdystream): the client opens
/// streams (SYN_STREAM, odd ids, increasing), the server answers each with SYN_REPLY or RST_STREAM, DATA flows both
/// ways with FIN for a half-close, PINGs are echoed. There is no flow control: spdystream keeps no windows and ignores
/// SETTINGS and WINDOW_UPDATE. The server sends nothing before the client has spoken.
/// </summary>
internal sealed class SpdySession : IAsyncDisposable
{
    public const uint StatusProtocolError = 1;
    public const uint StatusRefusedStream = 3;
    public const uint StatusCancel = 5;

    private const ushort Version = 3;
    private const ushort SynStream = 1;
    private const ushort SynReply = 2;
    private const ushort RstStream = 3;
    private const ushort Ping = 6;
    private const ushort GoAway = 7;
    private const byte FlagFin = 1;

    private readonly Stream _transport;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly SpdyHeaderCodec _headers = new();
    private readonly ConcurrentDictionary<uint, SpdyStream> _streams = new();
    private uint _lastStreamId;

    public SpdySession(Stream transport)
    {
        _transport = transport;
    }

    /// <summary>
    /// Reads frames until the client goes away (end of the connection, GOAWAY) or <paramref name="cancellationToken"/>
    /// ends it. Each stream the client opens is given to <paramref name="accept"/>: true answers SYN_REPLY and then
    /// hands it to <paramref name="opened"/>; false refuses it (RST_STREAM).
    /// </summary>
    /// <exception cref="InvalidDataException">The client broke the protocol; the connection is done.</exception>
    public async Task RunAsync(Func<SpdyStream, bool> accept, Action<SpdyStream> opened, CancellationToken cancellationToken)
    {
        var header = new byte[8];
        try
        {
            while (await ReadFullyAsync(header, cancellationToken))
            {
                var length = (int)(BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4)) & 0xFFFFFF);
                var flags = header[4];
                var payload = new byte[length];
                if (length > 0 && !await ReadFullyAsync(payload, cancellationToken))
                    throw new InvalidDataException("the connection ended inside a frame");
                if ((header[0] & 0x80) == 0)
                {
                    await ReceiveDataAsync(BinaryPrimitives.ReadUInt32BigEndian(header) & 0x7FFFFFFF, flags, payload, cancellationToken);
                    continue;
                }

                var type = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2));
                switch (type)
                {
                    case SynStream:
                        await OpenAsync(flags, payload, accept, opened, cancellationToken);
                        break;
                    case RstStream when payload.Length >= 8:
                        if (_streams.TryRemove(BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7FFFFFFF, out var reset))
                            reset.Abort();
                        break;
                    case Ping when payload.Length == 4 && (BinaryPrimitives.ReadUInt32BigEndian(payload) & 1) == 1:
                        await WriteFrameAsync(Control(Ping, 0, payload), cancellationToken);
                        break;
                    case GoAway:
                        return;
                    default:
                        // SETTINGS, WINDOW_UPDATE, HEADERS, our own PING's answer: nothing to do.
                        break;
                }
            }
        }
        finally
        {
            foreach (var stream in _streams.Values)
                stream.Abort();
            _streams.Clear();
        }
    }

    internal Task SendDataAsync(uint id, ReadOnlyMemory<byte> data, bool fin, CancellationToken cancellationToken)
    {
        var frame = new byte[8 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, id & 0x7FFFFFFF);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)((fin ? FlagFin : 0) << 24) | (uint)data.Length);
        data.Span.CopyTo(frame.AsSpan(8));
        return WriteFrameAsync(frame, cancellationToken);
    }

    internal Task SendResetAsync(uint id, uint status, CancellationToken cancellationToken)
    {
        var payload = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(payload, id & 0x7FFFFFFF);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(4), status);
        _streams.TryRemove(id, out _);
        return WriteFrameAsync(Control(RstStream, 0, payload), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _headers.Dispose();
        _writing.Dispose();
        await _transport.DisposeAsync();
    }

    private async Task OpenAsync(byte flags, byte[] payload, Func<SpdyStream, bool> accept, Action<SpdyStream> opened, CancellationToken cancellationToken)
    {
        if (payload.Length < 10)
            throw new InvalidDataException("a SYN_STREAM frame is shorter than 10 bytes");
        var id = BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7FFFFFFF;
        var headers = _headers.Decompress(payload.AsSpan(10));
        if (id % 2 == 0 || id <= _lastStreamId)
        {
            await SendResetAsync(id, StatusProtocolError, cancellationToken);
            return;
        }

        _lastStreamId = id;
        var stream = new SpdyStream(this, id, headers);
        if (!accept(stream))
        {
            await SendResetAsync(id, StatusRefusedStream, cancellationToken);
            return;
        }

        _streams[id] = stream;
        if ((flags & FlagFin) != 0)
            stream.ReceiveFin();
        await _writing.WaitAsync(cancellationToken);
        try
        {
            // Compressed under the write lock: the header blocks share one zlib stream, in the order they are sent.
            var block = _headers.Compress([]);
            var body = new byte[4 + block.Length];
            BinaryPrimitives.WriteUInt32BigEndian(body, id);
            block.CopyTo(body.AsSpan(4));
            await _transport.WriteAsync(Control(SynReply, 0, body), cancellationToken);
            await _transport.FlushAsync(cancellationToken);
        }
        finally
        {
            _writing.Release();
        }

        opened(stream);
    }

    private async Task ReceiveDataAsync(uint id, byte flags, byte[] payload, CancellationToken cancellationToken)
    {
        if (!_streams.TryGetValue(id, out var stream))
            return; // A stream already reset or never opened: spdystream drops such frames too.
        await stream.ReceiveAsync(payload, cancellationToken);
        if ((flags & FlagFin) != 0)
            stream.ReceiveFin();
    }

    private static byte[] Control(ushort type, byte flags, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, 0x8000 | Version);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), type);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), ((uint)flags << 24) | (uint)payload.Length);
        payload.CopyTo(frame.AsSpan(8));
        return frame;
    }

    private async Task WriteFrameAsync(byte[] frame, CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            await _transport.WriteAsync(frame, cancellationToken);
            await _transport.FlushAsync(cancellationToken);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Fills <paramref name="buffer"/>; false at the end of the connection before its first byte.</summary>
    private async Task<bool> ReadFullyAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await _transport.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
                return read == 0 ? false : throw new InvalidDataException("the connection ended inside a frame");
            read += n;
        }

        return true;
    }
}
