using Labs.Cluster.Workloads.Exec;

namespace Labs.Cluster.Workloads.Attach;

/// <summary>
/// The main process of a container that runs for real (an interactive or ephemeral container): its output goes to
/// every attached session and into the container's log (a <see cref="ContainerLog"/>), and with
/// <c>stdinOnce</c> its standard input closes when the first session that wrote it detaches.
/// </summary>
internal sealed class ContainerProcess : IAsyncDisposable
{
    private readonly ISandboxProcess _process;
    private readonly bool _stdinOnce;
    private readonly Lock _lock = new();
    private readonly List<Attachment> _attached = [];
    private readonly ContainerLog _log = new();
    private readonly Task _pump;
    private bool _ended;

    public ContainerProcess(ISandboxProcess process, bool stdinOnce, DateTimeOffset startedAt)
    {
        _process = process;
        _stdinOnce = stdinOnce;
        StartedAt = startedAt;
        _pump = Task.Run(PumpAsync);
        Exited = ExitAsync();
    }

    /// <summary>The sandboxed process.</summary>
    public ISandboxProcess Process => _process;

    /// <summary>When the process started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>The exit code, once the process has exited and its output is all delivered.</summary>
    public Task<int> Exited { get; }

    /// <summary>A new session on this process; it ends at once when the process's output already has.</summary>
    public Attachment Attach(bool stdin)
    {
        var attachment = new Attachment(this, stdin);
        lock (_lock)
        {
            if (!_ended)
            {
                _attached.Add(attachment);
                return attachment;
            }
        }

        attachment.End();
        return attachment;
    }

    /// <summary>The output so far, as the container's log.</summary>
    public byte[] Log() => _log.Snapshot();

    internal void Detach(Attachment attachment)
    {
        bool removed;
        lock (_lock)
        {
            removed = _attached.Remove(attachment);
        }

        attachment.End();
        if (removed && attachment.Stdin && _stdinOnce)
        {
            // stdinOnce: the container's stdin closes after the first session that wrote it.
            _process.CloseInput();
        }
    }

    internal void WriteInput(ReadOnlyMemory<byte> data) => _process.WriteInput(data);

    internal void CloseInput() => _process.CloseInput();

    internal void Resize(int columns, int rows) => _process.Resize(columns, rows);

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        await _pump;
    }

    private async Task<int> ExitAsync()
    {
        await _pump;
        return await _process.WaitForExitAsync();
    }

    private async Task PumpAsync()
    {
        await foreach (var chunk in _process.ReadOutputAsync(CancellationToken.None))
        {
            lock (_lock)
            {
                _log.Append(chunk.Data);
                foreach (var attachment in _attached)
                {
                    attachment.Deliver(chunk);
                }
            }
        }

        List<Attachment> ended;
        lock (_lock)
        {
            _ended = true;
            ended = [.. _attached];
            _attached.Clear();
        }

        foreach (var attachment in ended)
        {
            attachment.End();
        }
    }
}
