using System.IO.Pipelines;

namespace Labs.Cluster.Workloads.Network;

/// <summary>
/// A connection to a simulated server: two streams joined by pipes (what one writes the other reads, with
/// backpressure), so the API server's proxy, port-forward and the kubelet's probes talk to it as to a socket, and no
/// socket is opened anywhere.
/// </summary>
internal static class InMemoryConnection
{
    /// <summary>The caller's end and the server's end of a new connection.</summary>
    public static (Stream Client, Stream Server) Create()
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        return (new End(toClient.Reader, toServer.Writer), new End(toServer.Reader, toClient.Writer));
    }

    private sealed class End(PipeReader reader, PipeWriter writer) : Stream, IHalfClosable
    {
        private readonly Stream _in = reader.AsStream();
        private readonly Stream _out = writer.AsStream();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _in.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _in.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            _in.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => _out.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            _out.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            _out.WriteAsync(buffer, offset, count, cancellationToken);

        public override void Flush() => _out.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => _out.FlushAsync(cancellationToken);

        public void CloseWrite() => writer.Complete();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                // The other end reads end of file, and its writes stop here.
                writer.Complete();
                reader.Complete();
            }

            base.Dispose(disposing);
        }
    }
}
