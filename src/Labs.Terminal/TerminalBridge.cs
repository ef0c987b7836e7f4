using Labs.Kube;

namespace Labs.Terminal;

/// <summary>
/// One browser connection's shell: the exec stream into the toolbox pod plus what is needed to stop it. Writes
/// (stdin and resize share the exec WebSocket, which allows one send at a time) are serialised here.
/// </summary>
internal sealed class TerminalBridge : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private int _disposed;

    public TerminalBridge(string connectionId, string sessionId, IExecSession exec)
    {
        ConnectionId = connectionId;
        SessionId = sessionId;
        Exec = exec;
        Stopping = _stopping.Token;
    }

    public string ConnectionId { get; }

    public string SessionId { get; }

    public IExecSession Exec { get; }

    /// <summary>Cancelled when the bridge is disposed (connection closed, re-attached or shell exited).</summary>
    public CancellationToken Stopping { get; }

    /// <summary>The task relaying output to the browser; set once it has started.</summary>
    public Task Pump { get; set; } = Task.CompletedTask;

    public async Task WriteStdinAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Stopping);
        await _writeLock.WaitAsync(linked.Token);
        try
        {
            await Exec.WriteStdinAsync(data, linked.Token);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task ResizeAsync(int columns, int rows, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Stopping);
        await _writeLock.WaitAsync(linked.Token);
        try
        {
            await Exec.ResizeAsync(columns, rows, linked.Token);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Stops the pump and closes the exec stream; safe to call more than once and from the pump itself.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // The semaphore and token source are left to the GC: a write racing with disposal may still use them.
        await _stopping.CancelAsync();
        await Exec.DisposeAsync();
    }
}
