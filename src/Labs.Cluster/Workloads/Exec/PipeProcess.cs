using System.Diagnostics;
using System.Threading.Channels;

namespace Labs.Cluster.Workloads.Exec;

/// <summary>A process without a terminal: stdin, stdout and stderr are plain pipes.</summary>
internal sealed class PipeProcess : ISandboxProcess
{
    private readonly Process _process;
    // Bounded: a command that floods output waits for a slow client instead of filling memory.
    private readonly Channel<(int, byte[])> _output = Channel.CreateBounded<(int, byte[])>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.Wait });
    private readonly Channel<byte[]> _input = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _pumps;

    private PipeProcess(Process process)
    {
        _process = process;
        var stdout = PumpAsync(process.StandardOutput.BaseStream, 1);
        var stderr = PumpAsync(process.StandardError.BaseStream, 2);
        _pumps = Task.WhenAll(stdout, stderr).ContinueWith(_ => _output.Writer.TryComplete(), TaskScheduler.Default);
        _ = Task.Run(WriteLoopAsync);
    }

    /// <summary>Starts <paramref name="executable"/> with redirected standard streams.</summary>
    public static PipeProcess Start(string executable, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {executable}.");
        return new PipeProcess(process);
    }

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
        // No terminal, nothing to resize.
    }

    public IAsyncEnumerable<(int Channel, byte[] Data)> ReadOutputAsync(CancellationToken cancellationToken) =>
        _output.Reader.ReadAllAsync(cancellationToken);

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        return _process.ExitCode;
    }

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _input.Writer.TryComplete();
        await _process.WaitForExitAsync().ConfigureAwait(false);
        _output.Writer.TryComplete();
        await _pumps.ConfigureAwait(false);
        _process.Dispose();
    }

    private async Task PumpAsync(Stream stream, int channel)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                await _output.Writer.WriteAsync((channel, buffer.AsSpan(0, n).ToArray())).ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // The process went away mid-read: its output ends here.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while reading.
        }
        catch (ChannelClosedException)
        {
            // Disposed: nobody reads any more.
        }
    }

    private async Task WriteLoopAsync()
    {
        var stdin = _process.StandardInput.BaseStream;
        try
        {
            await foreach (var chunk in _input.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                await stdin.WriteAsync(chunk).ConfigureAwait(false);
                await stdin.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // The command stopped reading (exited); the rest of the input has nowhere to go.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while writing.
        }
        finally
        {
            try
            {
                stdin.Close();
            }
            catch (IOException)
            {
                // Broken pipe on close: nothing left to deliver.
            }
        }
    }
}
