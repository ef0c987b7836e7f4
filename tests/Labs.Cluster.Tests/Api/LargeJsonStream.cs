using System.Text;

namespace Labs.Cluster.Tests.Api;

/// <summary>
/// A ConfigMap body of a given size (or endless, when the size is negative) that reports no length, so HTTP clients
/// send it chunked; it counts how much was read.
/// </summary>
internal sealed class LargeJsonStream(long size) : Stream
{
    private static readonly byte[] Opening = Encoding.UTF8.GetBytes("""{"metadata":{"name":"big"},"data":{"k":" """);
    private static readonly byte[] Closing = Encoding.UTF8.GetBytes("\"}}");

    public long Served { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => Served; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = size < 0 ? count : (int)Math.Min(count, size - Served);
        for (var i = 0; i < n; i++)
        {
            var at = Served + i;
            buffer[offset + i] = at < Opening.Length ? Opening[at]
                : size >= 0 && at >= size - Closing.Length ? Closing[at - (size - Closing.Length)]
                : (byte)'x';
        }

        Served += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
