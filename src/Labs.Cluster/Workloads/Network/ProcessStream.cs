using System.Diagnostics;

namespace Labs.Cluster.Workloads.Network;

/// <summary>A connection made of a helper process's standard output (read) and input (write); disposing ends the process.</summary>
internal sealed class ProcessStream(Process process) : Stream, IHalfClosable
{
    private readonly Stream _read = process.StandardOutput.BaseStream;
    private readonly Stream _write = process.StandardInput.BaseStream;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => _read.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _read.ReadAsync(buffer, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => _write.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => _write.WriteAsync(buffer, cancellationToken);

    public override void Flush() => _write.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _write.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Closes the writing half: the helper sees the end of its input (socat then half-closes its connection).</summary>
    public void CloseWrite() => _write.Dispose();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It has exited already.
            }

            process.Dispose();
        }

        base.Dispose(disposing);
    }
}
