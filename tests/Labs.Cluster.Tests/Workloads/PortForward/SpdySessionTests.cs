using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Pipelines;
using System.Text;
using Labs.Cluster.Workloads.PortForward;

namespace Labs.Cluster.Workloads.PortForward;

/// <summary>
/// The SPDY/3.1 server session kubectl's port-forward talks to, driven frame by frame. The client's header blocks are
/// stored (uncompressed) deflate blocks of a zlib stream that names SPDY/3's dictionary: valid for any inflater.
/// </summary>
public sealed class SpdySessionTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void The_dictionary_is_spdy3s_1423_bytes()
    {
        Assert.Equal(1423, SpdyDictionary.Bytes.Length);
        Assert.Equal(0xE3C6A7C2u, SpdyHeaderCodec.Adler32(SpdyDictionary.Bytes.Span));
    }

    [Fact]
    public async Task A_stream_is_answered_carries_data_both_ways_and_pings_are_echoed()
    {
        await using var client = new Client();
        SpdyStream? opened = null;
        var run = client.Session.RunAsync(s => s.Headers.GetValueOrDefault("port") == "80", s => opened = s, Cancel);

        await client.SendAsync(client.SynStream(1, ("streamType", "data"), ("port", "80"), ("requestID", "0")));
        var (type, _, reply) = await client.ReadControlAsync();
        Assert.Equal(2, type); // SYN_REPLY
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32BigEndian(reply));
        Assert.Equal(new byte[4], Inflate(reply[4..])); // no headers, zlib without a dictionary
        Assert.Equal("data", opened!.Headers["streamtype"]);

        await client.SendAsync(Client.Data(1, "hello"u8.ToArray(), fin: true));
        Assert.Equal("hello"u8.ToArray(), await opened.Inbound.ReadAsync(Cancel));
        await opened.WriteAsync("world"u8.ToArray(), Cancel);
        await opened.CloseAsync(Cancel);
        Assert.Equal((1u, (byte)0, "world"), await client.ReadDataAsync());
        Assert.Equal((1u, (byte)1, ""), await client.ReadDataAsync());

        await client.SendAsync(Client.Control(6, 0, [0, 0, 0, 7])); // the client's PING (odd id)
        var (pingType, _, ping) = await client.ReadControlAsync();
        Assert.Equal((6, 7u), (pingType, BinaryPrimitives.ReadUInt32BigEndian(ping)));

        await client.SendAsync(Client.Control(7, 0, new byte[8])); // GOAWAY
        await run;
    }

    [Fact]
    public async Task A_refused_stream_and_a_stream_id_that_goes_back_are_reset()
    {
        await using var client = new Client();
        var run = client.Session.RunAsync(s => s.Headers.GetValueOrDefault("port") == "80", _ => { }, Cancel);

        await client.SendAsync(client.SynStream(3, ("streamtype", "data"), ("port", "0")));
        var (type, _, reset) = await client.ReadControlAsync();
        Assert.Equal((3, 3u, 3u), (type, BinaryPrimitives.ReadUInt32BigEndian(reset), BinaryPrimitives.ReadUInt32BigEndian(reset.AsSpan(4)))); // REFUSED_STREAM

        await client.SendAsync(client.SynStream(1, ("streamtype", "data"), ("port", "80")));
        (type, _, reset) = await client.ReadControlAsync();
        Assert.Equal((3, 1u, 1u), (type, BinaryPrimitives.ReadUInt32BigEndian(reset), BinaryPrimitives.ReadUInt32BigEndian(reset.AsSpan(4)))); // PROTOCOL_ERROR

        client.EndOfInput();
        await run;
    }

    [Theory]
    [InlineData("plain", "the first header block is not a zlib stream with a preset dictionary")]
    [InlineData("other-dictionary", "the header blocks' zlib dictionary is not SPDY/3's")]
    [InlineData("lying-lengths", "the header block ends before its pairs do")]
    [InlineData("huge-length", "a header length of 4294967295 is more than a header block may hold")]
    [InlineData("truncated-frame", "the connection ended inside a frame")]
    public async Task Broken_input_ends_the_session_with_what_is_wrong(string kind, string expected)
    {
        await using var client = new Client();
        var run = client.Session.RunAsync(_ => true, _ => { }, Cancel);
        var block = kind switch
        {
            "plain" => Deflated("hello"u8.ToArray()),
            "other-dictionary" => [0x78, 0xF9, 1, 2, 3, 4, .. Stored([0, 0, 0, 0])],
            "lying-lengths" => [.. client.HeaderBlock([]).AsSpan(0, 6), .. Stored([0, 0, 0, 1, 0, 0, 0, 9, (byte)'p'])],
            "huge-length" => [.. client.HeaderBlock([]).AsSpan(0, 6), .. Stored([0xFF, 0xFF, 0xFF, 0xFF])],
            _ => [],
        };
        var frame = kind == "truncated-frame" ? Client.Data(1, new byte[100])[..50] : Client.Control(1, 0, [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, .. block]);

        await client.SendAsync(frame);
        client.EndOfInput();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => run);
        Assert.Equal(expected, error.Message);
    }

    private static byte[] Stored(byte[] bytes) =>
        [0, (byte)bytes.Length, (byte)(bytes.Length >> 8), (byte)~bytes.Length, (byte)(~bytes.Length >> 8), .. bytes];

    private static byte[] Deflated(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
            zlib.Write(bytes);
        return output.ToArray();
    }

    private static byte[] Inflate(byte[] zlib)
    {
        using var inflater = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
        var bytes = new byte[4];
        inflater.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>A client on an in-memory connection to a <see cref="SpdySession"/>.</summary>
    private sealed class Client : IAsyncDisposable
    {
        private readonly Pipe _toServer = new();
        private readonly Pipe _toClient = new();
        private readonly Stream _fromServer;
        private bool _started;

        public Client()
        {
            _fromServer = _toClient.Reader.AsStream();
            Session = new SpdySession(new Duplex(_toServer.Reader.AsStream(), _toClient.Writer.AsStream()));
        }

        public SpdySession Session { get; }

        /// <summary>The next header block of this connection's zlib stream (its header first), as a stored block.</summary>
        public byte[] HeaderBlock((string Name, string Value)[] headers)
        {
            var block = new MemoryStream();
            void Word(string text)
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                block.Write([(byte)(bytes.Length >> 24), (byte)(bytes.Length >> 16), (byte)(bytes.Length >> 8), (byte)bytes.Length]);
                block.Write(bytes);
            }

            block.Write([0, 0, 0, (byte)headers.Length]);
            foreach (var (name, value) in headers)
            {
                Word(name.ToLowerInvariant());
                Word(value);
            }

            var start = _started ? [] : new byte[] { 0x78, 0xF9, 0xE3, 0xC6, 0xA7, 0xC2 };
            _started = true;
            return [.. start, .. Stored(block.ToArray())];
        }

        public byte[] SynStream(uint id, params (string, string)[] headers) =>
            Control(1, 0, [(byte)(id >> 24), (byte)(id >> 16), (byte)(id >> 8), (byte)id, 0, 0, 0, 0, 0, 0, .. HeaderBlock(headers)]);

        public static byte[] Control(ushort type, byte flags, byte[] payload) =>
            [0x80, 3, (byte)(type >> 8), (byte)type, flags, (byte)(payload.Length >> 16), (byte)(payload.Length >> 8), (byte)payload.Length, .. payload];

        public static byte[] Data(uint id, byte[] payload, bool fin = false) =>
            [(byte)(id >> 24), (byte)(id >> 16), (byte)(id >> 8), (byte)id, (byte)(fin ? 1 : 0), (byte)(payload.Length >> 16), (byte)(payload.Length >> 8), (byte)payload.Length, .. payload];

        public async Task SendAsync(byte[] frame)
        {
            await _toServer.Writer.WriteAsync(frame, Cancel);
            await _toServer.Writer.FlushAsync(Cancel);
        }

        public void EndOfInput() => _toServer.Writer.Complete();

        public async Task<(int Type, byte Flags, byte[] Payload)> ReadControlAsync()
        {
            var (first, flags, payload) = await ReadFrameAsync();
            Assert.True((first & 0x80000000) != 0, "expected a control frame");
            return ((int)(first & 0xFFFF), flags, payload);
        }

        public async Task<(uint Id, byte Flags, string Text)> ReadDataAsync()
        {
            var (first, flags, payload) = await ReadFrameAsync();
            Assert.True((first & 0x80000000) == 0, "expected a DATA frame");
            return (first, flags, Encoding.UTF8.GetString(payload));
        }

        public async ValueTask DisposeAsync()
        {
            _toServer.Writer.Complete();
            await Session.DisposeAsync();
        }

        private async Task<(uint First, byte Flags, byte[] Payload)> ReadFrameAsync()
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            var header = new byte[8];
            await _fromServer.ReadExactlyAsync(header, timeout.Token);
            var payload = new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4)) & 0xFFFFFF];
            await _fromServer.ReadExactlyAsync(payload, timeout.Token);
            return (BinaryPrimitives.ReadUInt32BigEndian(header), header[4], payload);
        }
    }

    /// <summary>A connection made of one stream to read and another to write.</summary>
    private sealed class Duplex(Stream read, Stream write) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => read.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => read.ReadAsync(buffer, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => write.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => write.WriteAsync(buffer, cancellationToken);

        public override void Flush() => write.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => write.FlushAsync(cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
