using System.Threading.Channels;
using Labs.Cluster.Workloads.Exec;

namespace Labs.Cluster.Workloads.Attach;

/// <summary>
/// One <c>attach</c> session's view of a container's main process, shaped as a process so the exec streams serve it:
/// its output is the container's from now on, its input goes to the container when the session may write it, and
/// killing it only detaches the session (the container runs on). A container that runs no process of its own (a
/// simulated one) gives a session that stays silent until it detaches.
/// </summary>
internal sealed class Attachment(ContainerProcess? container, bool stdin) : ISandboxProcess
{
    private readonly Channel<(int Channel, byte[] Data)> _output = Channel.CreateUnbounded<(int, byte[])>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource<int> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether this session writes the container's standard input.</summary>
    public bool Stdin => stdin;

    public System.Threading.Channels.ChannelReader<(int Channel, byte[] Data)> Output => _output.Reader;

    public int ProcessId => container?.Process.ProcessId ?? 0;

    public void WriteInput(ReadOnlyMemory<byte> data)
    {
        if (stdin)
        {
            container?.WriteInput(data);
        }
    }

    public void CloseInput()
    {
        if (stdin)
        {
            container?.CloseInput();
        }
    }

    public void Resize(int columns, int rows) => container?.Resize(columns, rows);

    public IAsyncEnumerable<(int Channel, byte[] Data)> ReadOutputAsync(CancellationToken cancellationToken) =>
        _output.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Completes when the session ends: the container's output ended, or the session detached.</summary>
    public Task<int> WaitForExitAsync() => _ended.Task;

    public void Terminate() => Kill();

    /// <summary>Detaches the session; the container keeps running.</summary>
    public void Kill()
    {
        if (container is null)
        {
            End();
        }
        else
        {
            container.Detach(this);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }

    /// <summary>Passes on a piece of the container's output.</summary>
    internal void Deliver((int Channel, byte[] Data) chunk) => _output.Writer.TryWrite(chunk);

    /// <summary>Ends the session's output.</summary>
    internal void End()
    {
        _output.Writer.TryComplete();
        _ended.TrySetResult(0);
    }
}
