using System.ComponentModel;
using System.IO.Pipes;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Labs.Cluster.Workloads.Isolation;
using Microsoft.Win32.SafeHandles;

namespace Labs.Cluster.Workloads.Exec;

/// <summary>A process without a terminal: stdin, stdout and stderr are plain pipes.</summary>
internal sealed class PipeProcess : ISandboxProcess
{
    private readonly int _pid;
    private readonly Stream _stdin;
    // Bounded: a command that floods output waits for a slow client instead of filling memory.
    private readonly Channel<(int, byte[])> _output = Channel.CreateBounded<(int, byte[])>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.Wait });
    private readonly Channel<byte[]> _input = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _pumps;
    private readonly Task<int> _exit;
    private readonly Lock _lock = new();
    private bool _exited;

    private PipeProcess(int pid, Stream stdin, Stream stdout, Stream stderr)
    {
        _pid = pid;
        _stdin = stdin;
        _exit = Task.Factory.StartNew(
            () => Spawner.Reap(pid, () =>
            {
                lock (_lock)
                {
                    _exited = true;
                }
            }),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var stdoutPump = PumpAsync(stdout, 1);
        var stderrPump = PumpAsync(stderr, 2);
        _pumps = Task.WhenAll(stdoutPump, stderrPump).ContinueWith(_ => _output.Writer.TryComplete(), TaskScheduler.Default);
        _ = Task.Run(WriteLoopAsync);
    }

    /// <summary>Starts <c>argv[0]</c> (an absolute path) on pipes, with <paramref name="inherited"/> at fds 3, 4, ...</summary>
    /// <exception cref="Win32Exception">The pipes or the process could not be created.</exception>
    public static PipeProcess Start(IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment, IReadOnlyList<SafeHandle> inherited)
    {
        var ends = new List<int>();
        try
        {
            int[] NewPipe()
            {
                var fds = new int[2];
                if (FileCalls.pipe2(fds, FileCalls.OCloexec) != 0)
                {
                    throw new Win32Exception(Marshal.GetLastPInvokeError(), "Could not create a pipe");
                }

                ends.AddRange(fds);
                return fds;
            }

            var (stdin, stdout, stderr) = (NewPipe(), NewPipe(), NewPipe());
            var pid = Spawner.Spawn(argv, environment, new Spawner.Stdio(null, stdin[0], stdout[1], stderr[1]), inherited);
            foreach (var childEnd in new[] { stdin[0], stdout[1], stderr[1] })
            {
                _ = FileCalls.close(childEnd);
                ends.Remove(childEnd);
            }

            ends.Clear();
            return new PipeProcess(
                pid,
                new AnonymousPipeClientStream(PipeDirection.Out, new SafePipeHandle(stdin[1], ownsHandle: true)),
                new AnonymousPipeClientStream(PipeDirection.In, new SafePipeHandle(stdout[0], ownsHandle: true)),
                new AnonymousPipeClientStream(PipeDirection.In, new SafePipeHandle(stderr[0], ownsHandle: true)));
        }
        finally
        {
            foreach (var fd in ends)
            {
                _ = FileCalls.close(fd);
            }
        }
    }

    public void WriteInput(ReadOnlyMemory<byte> data)
    {
        if (!data.IsEmpty)
        {
            _input.Writer.TryWrite(data.ToArray());
        }
    }

    public void CloseInput() => _input.Writer.TryComplete();

    public int ProcessId => _pid;

    public void Resize(int columns, int rows)
    {
        // No terminal, nothing to resize.
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
            // After the reap the pid may belong to someone else: never signal it then. The sandbox dies with its
            // first process (bubblewrap's --die-with-parent and the end of its pid namespace).
            if (!_exited)
            {
                _ = NativeMethods.kill(_pid, NativeMethods.SigKill);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _input.Writer.TryComplete();
        await _exit.ConfigureAwait(false);
        _output.Writer.TryComplete();
        await _pumps.ConfigureAwait(false);
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
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task WriteLoopAsync()
    {
        var stdin = _stdin;
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
