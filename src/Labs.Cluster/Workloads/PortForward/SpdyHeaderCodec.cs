using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Labs.Cluster.Workloads.PortForward;

/// <summary>
/// The header blocks of one SPDY/3 connection: each direction is one zlib stream for the whole connection, flushed
/// (sync) after every block. The client's stream starts from <see cref="SpdyDictionary"/>; .NET's zlib has no preset
/// dictionary, so the inflater is primed with the dictionary as a stored block of raw deflate data, which makes the
/// client's back-references into it resolve. The server's stream needs no dictionary (a zlib reader uses one only when
/// the stream's header asks for it).
/// </summary>
internal sealed class SpdyHeaderCodec : IDisposable
{
    /// <summary>Most bytes one decompressed header block may hold; kubectl's are a few dozen.</summary>
    private const int MaxBlockBytes = 64 * 1024;

    private readonly BlockFeed _feed = new();
    private readonly MemoryStream _compressed = new();
    private readonly ZLibStream _compressor;
    private DeflateStream? _inflater;

    public SpdyHeaderCodec()
    {
        _compressor = new ZLibStream(_compressed, CompressionLevel.Optimal, leaveOpen: true);
    }

    /// <summary>Compresses a header block (names lowercased, as SPDY/3 requires) and returns its bytes on the wire.</summary>
    public byte[] Compress(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var block = new MemoryStream();
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)headers.Count);
        block.Write(length);
        foreach (var (name, value) in headers)
        {
            foreach (var text in new[] { name.ToLowerInvariant(), value })
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                BinaryPrimitives.WriteUInt32BigEndian(length, (uint)bytes.Length);
                block.Write(length);
                block.Write(bytes);
            }
        }

        _compressor.Write(block.GetBuffer(), 0, (int)block.Length);
        _compressor.Flush();
        var wire = _compressed.ToArray();
        _compressed.SetLength(0);
        return wire;
    }

    /// <summary>Decompresses the next header block the client sent; its names are lowercase.</summary>
    /// <exception cref="InvalidDataException">The block is not a SPDY/3 header block.</exception>
    public Dictionary<string, string> Decompress(ReadOnlySpan<byte> wire)
    {
        if (_inflater is null)
        {
            wire = Start(wire);
        }

        _feed.Add(wire);
        var count = ReadLength();
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        var total = 4;
        for (var i = 0; i < count; i++)
        {
            var name = ReadText(ref total);
            var value = ReadText(ref total);
            headers[name] = value;
        }

        // What is left of the block (the sync flush's empty stored block) yields nothing; it is read with the next one.
        return headers;
    }

    public void Dispose()
    {
        _compressor.Dispose();
        _compressed.Dispose();
        _inflater?.Dispose();
    }

    private ReadOnlySpan<byte> Start(ReadOnlySpan<byte> wire)
    {
        // RFC 1950: CMF (deflate), FLG with FDICT, then the dictionary's Adler-32 (SPDY/3's).
        if (wire.Length < 6 || (wire[0] & 0x0F) != 8 || (((wire[0] << 8) | wire[1]) % 31) != 0 || (wire[1] & 0x20) == 0)
            throw new InvalidDataException("the first header block is not a zlib stream with a preset dictionary");
        if (BinaryPrimitives.ReadUInt32BigEndian(wire[2..6]) != Adler32(SpdyDictionary.Bytes.Span))
            throw new InvalidDataException("the header blocks' zlib dictionary is not SPDY/3's");

        var dictionary = SpdyDictionary.Bytes.Span;
        var stored = new byte[5 + dictionary.Length];
        stored[0] = 0; // BFINAL 0, BTYPE 00 (stored); the rest of the byte is padding.
        BinaryPrimitives.WriteUInt16LittleEndian(stored.AsSpan(1), (ushort)dictionary.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(stored.AsSpan(3), (ushort)~dictionary.Length);
        dictionary.CopyTo(stored.AsSpan(5));
        _feed.Add(stored);
        _inflater = new DeflateStream(_feed, CompressionMode.Decompress);
        var skipped = new byte[dictionary.Length];
        _inflater.ReadExactly(skipped);
        return wire[6..];
    }

    private int ReadLength()
    {
        Span<byte> length = stackalloc byte[4];
        _inflater!.ReadExactly(length);
        var value = BinaryPrimitives.ReadUInt32BigEndian(length);
        return value <= MaxBlockBytes ? (int)value : throw new InvalidDataException($"a header length of {value} is more than a header block may hold");
    }

    private string ReadText(ref int total)
    {
        var length = ReadLength();
        total += 4 + length;
        if (total > MaxBlockBytes)
            throw new InvalidDataException($"the header block is more than {MaxBlockBytes} bytes");
        var bytes = new byte[length];
        _inflater!.ReadExactly(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    internal static uint Adler32(ReadOnlySpan<byte> data)
    {
        uint a = 1, b = 0;
        foreach (var value in data)
        {
            a = (a + value) % 65521;
            b = (b + a) % 65521;
        }

        return (b << 16) | a;
    }

    /// <summary>
    /// The compressed bytes given so far, read by the inflater. Reading past them means the block ended early: the
    /// header block lied about its lengths.
    /// </summary>
    private sealed class BlockFeed : Stream
    {
        private readonly Queue<byte[]> _chunks = new();
        private int _offset;

        public void Add(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length > 0)
                _chunks.Enqueue(bytes.ToArray());
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (!_chunks.TryPeek(out var chunk))
                throw new InvalidDataException("the header block ends before its pairs do");
            var n = Math.Min(buffer.Length, chunk.Length - _offset);
            chunk.AsSpan(_offset, n).CopyTo(buffer);
            _offset += n;
            if (_offset == chunk.Length)
            {
                _chunks.Dequeue();
                _offset = 0;
            }

            return n;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
