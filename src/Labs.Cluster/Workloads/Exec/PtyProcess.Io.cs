using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace Labs.Cluster.Workloads.Exec;

internal sealed partial class PtyProcess
{
    public int ProcessId => _pid;

    public void WriteInput(ReadOnlyMemory<byte> data)
    {
        if (!data.IsEmpty)
        {
            _input.Writer.TryWrite(data.ToArray());
        }
    }

    public void CloseInput() => _input.Writer.TryComplete();

    public void Resize(int columns, int rows)
    {
        if (columns <= 0 || rows <= 0 || columns > ushort.MaxValue || rows > ushort.MaxValue || Volatile.Read(ref _masterClosed) != 0)
        {
            return;
        }

        var size = new NativeMethods.WinSize { Columns = (ushort)columns, Rows = (ushort)rows };
        _ = NativeMethods.ioctl(_master, NativeMethods.Tiocswinsz, ref size);
    }

    public IAsyncEnumerable<(int Channel, byte[] Data)> ReadOutputAsync(CancellationToken cancellationToken) =>
        _output.Reader.ReadAllAsync(cancellationToken);

    public System.Threading.Channels.ChannelReader<(int Channel, byte[] Data)> Output => _output.Reader;

    public Task<int> WaitForExitAsync() => _exit;

    public void Terminate()
    {
        lock (_lock)
        {
            if (!_exited)
            {
                SandboxSignals.TerminateCommand(_pid);
            }
        }
    }

    public void Kill()
    {
        lock (_lock)
        {
            // After the reap the pid may belong to someone else: never signal it then.
            if (!_exited)
            {
                _ = NativeMethods.kill(_pid, NativeMethods.SigKill);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _exit.ConfigureAwait(false);
        _input.Writer.TryComplete();
        _output.Writer.TryComplete();

        // The reader ends with EIO once every slave holder is gone; give it a moment before closing under it.
        await Task.Run(() => _reader.Join(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        if (Interlocked.Exchange(ref _masterClosed, 1) == 0)
        {
            _ = NativeMethods.close(_master);
        }
    }

    private int Reap() => Spawner.Reap(_pid, () =>
    {
        lock (_lock)
        {
            _exited = true;
        }
    });

    private void ReadLoop()
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var n = NativeMethods.read(_master, buffer, buffer.Length);
            if (n > 0)
            {
                try
                {
                    _output.Writer.WriteAsync((1, buffer.AsSpan(0, (int)n).ToArray())).AsTask().GetAwaiter().GetResult();
                }
                catch (ChannelClosedException)
                {
                    return; // Disposed: nobody reads any more.
                }

                continue;
            }

            if (n < 0 && Marshal.GetLastPInvokeError() == NativeMethods.EIntr)
            {
                continue;
            }

            break; // EIO: the last slave holder is gone.
        }

        _output.Writer.TryComplete();
    }

    private void WriteLoop()
    {
        // Synchronous on its own thread: a blocked write (the child is not reading) must not hold a pool thread.
        while (_input.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            if (!_input.Reader.TryRead(out var chunk))
            {
                continue;
            }

            var offset = 0;
            while (offset < chunk.Length && Volatile.Read(ref _masterClosed) == 0)
            {
                // Small pieces keep a huge paste from holding the terminal's input buffer hostage.
                var length = Math.Min(chunk.Length - offset, 4096);
                var piece = offset == 0 && length == chunk.Length ? chunk : chunk.AsSpan(offset, length).ToArray();
                var written = NativeMethods.write(_master, piece, length);
                if (written < 0)
                {
                    if (Marshal.GetLastPInvokeError() == NativeMethods.EIntr)
                    {
                        continue;
                    }

                    return;
                }

                offset += (int)written;
            }
        }
    }
}
