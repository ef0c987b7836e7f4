using Labs.Kube;

namespace Labs.Terminal;

/// <summary>
/// One terminal's shell: an exec stream into the toolbox pod that outlives the browser connections watching it. Its
/// output goes into an <see cref="OutputLog"/> that every viewer reads at its own pace; the shell is read only while
/// every viewer is less than <see cref="TerminalLimits.FlowWindowBytes"/> behind, so a slow browser slows the
/// command down instead of growing memory. Stdin and resize share the exec stream, which takes one write at a time.
/// </summary>
internal sealed partial class TerminalShell : IAsyncDisposable
{
    private static long s_started;
    private readonly Lock _gate = new();
    private readonly List<TerminalViewer> _viewers = [];
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Signal _room = new();
    private readonly IExecSession _exec;
    private readonly TerminalRecorder? _recorder;
    private (int Columns, int Rows) _size;
    private DateTimeOffset _idleSince;
    private int _disposed;

    public TerminalShell(string sessionId, string terminalId, string id, IExecSession exec, int replayBytes, DateTimeOffset now, TerminalRecorder? recorder = null)
    {
        _recorder = recorder;
        SessionId = sessionId;
        TerminalId = terminalId;
        Id = id;
        _exec = exec;
        Log = new OutputLog(replayBytes);
        _idleSince = now;
        Number = Interlocked.Increment(ref s_started);
    }

    /// <summary>Counts up with every shell started: the order of a session's terminals.</summary>
    public long Number { get; }

    public string SessionId { get; }

    public string TerminalId { get; }

    /// <summary>Unique per shell ever started: a browser's sequence numbers are only meaningful for the same shell.</summary>
    public string Id { get; }

    public OutputLog Log { get; }

    /// <summary>Set once the shell has ended: the exit code, or null when it was ended for <see cref="EndReason"/>.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>Why the shell was ended from outside (session ended, idle, broken stream), or null.</summary>
    public string? EndReason { get; private set; }

    public bool HasEnded => ExitCode is not null || EndReason is not null;

    /// <summary>The task reading the shell's output; completes when the shell has ended.</summary>
    public Task Pump { get; private set; } = Task.CompletedTask;

    public int ViewerCount
    {
        get
        {
            lock (_gate)
            {
                return _viewers.Count;
            }
        }
    }

    /// <summary>Since when nobody watches (the start, or when the last viewer left); meaningless while someone does.</summary>
    public DateTimeOffset IdleSince
    {
        get
        {
            lock (_gate)
            {
                return _idleSince;
            }
        }
    }

    /// <summary>Starts reading the shell's output; <paramref name="ended"/> runs once it has ended.</summary>
    public void Start(Func<TerminalShell, Task> ended) =>
        Pump = Task.Run(() => PumpAsync(ended), CancellationToken.None);

    public TerminalViewer AddViewer(string connectionId, long start)
    {
        var viewer = new TerminalViewer(connectionId, start);
        lock (_gate)
        {
            _viewers.Add(viewer);
        }

        return viewer;
    }

    public TerminalViewer? FindViewer(string connectionId)
    {
        lock (_gate)
        {
            return _viewers.FirstOrDefault(v => v.ConnectionId == connectionId);
        }
    }

    public void RemoveViewer(TerminalViewer viewer, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_viewers.Remove(viewer) && _viewers.Count == 0)
            {
                _idleSince = now;
            }
        }

        // A viewer that stopped acknowledging may have held the shell back.
        _room.Pulse();
    }

    /// <summary>A viewer acknowledged output up to <paramref name="seq"/>: the shell may be read further.</summary>
    public void Acknowledge(TerminalViewer viewer, long seq)
    {
        if (viewer.Acknowledge(seq))
        {
            _room.Pulse();
        }
    }

    public async Task WriteStdinAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        await _writeLock.WaitAsync(linked.Token);
        try
        {
            await _exec.WriteStdinAsync(data, linked.Token);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Sets the terminal size; a size it already has is not sent again (the shell would redraw for nothing).</summary>
    public async Task ResizeAsync(int columns, int rows, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        await _writeLock.WaitAsync(linked.Token);
        try
        {
            if (_size == (columns, rows))
            {
                return;
            }

            await _exec.ResizeAsync(columns, rows, linked.Token);
            _size = (columns, rows);
            Record(r => r.Resize(columns, rows));
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Ends the shell for <paramref name="reason"/> (told to its viewers) unless it has ended already.</summary>
    public async Task EndAsync(string reason)
    {
        lock (_gate)
        {
            EndReason ??= ExitCode is null ? reason : null;
        }

        await DisposeAsync();
    }

    /// <summary>Closes the exec stream (which stops the shell) and wakes the viewers to tell them.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // The semaphore and token source are left to the GC: a write racing with disposal may still use them.
        await _stopping.CancelAsync();
        await _exec.DisposeAsync();
        PulseViewers();
    }

    /// <summary>Adds to the recording; a failing disk stops the recording, never the shell.</summary>
    private void Record(Action<TerminalRecorder> write)
    {
        if (_recorder is null)
        {
            return;
        }

        lock (_recorder)
        {
            try
            {
                write(_recorder);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException)
            {
                RecordingError ??= e.Message;
            }
        }
    }

    /// <summary>Why the recording stopped early, or null.</summary>
    public string? RecordingError { get; private set; }

    private void PulseViewers()
    {
        _appended.Pulse();
        lock (_gate)
        {
            foreach (var viewer in _viewers)
            {
                viewer.Changed.Pulse();
            }
        }
    }

    /// <summary>How far the slowest viewer lags behind the output (0 without viewers: nobody to wait for).</summary>
    private long Lag()
    {
        var end = Log.End;
        lock (_gate)
        {
            return _viewers.Count == 0 ? 0 : end - _viewers.Min(v => v.Acked);
        }
    }
}
