using Labs.Kube;
using Labs.Sessions;
using Microsoft.Extensions.Logging;

namespace Labs.Terminal;

/// <summary>Starting shells (within the per-session cap), and ending them: exit, session end, nobody watching.</summary>
public sealed partial class TerminalConnections
{
    private string TooManyShellsMessage() =>
        $"This lab already has {_options.MaxShellsPerSession} terminals open, the most one lab may have. Close one, then press Reconnect.";

    private string IdleMessage() =>
        $"This shell was closed after {_options.IdleShellTimeout} with no page showing it. Press Reconnect for a new shell in the same home.";

    /// <summary>The terminal's shell, started now unless it runs (or is starting) already; concurrent callers share one.</summary>
    private async Task<(TerminalShell? Shell, string Error)> GetOrStartShellAsync(LabSession session, string terminalId, int columns, int rows, CancellationToken cancellationToken)
    {
        if (GetOrStartShell(session, terminalId, columns, rows) is not { } starting)
        {
            return (null, TooManyShellsMessage());
        }

        TerminalShell shell;
        try
        {
            shell = await AwaitStartAsync(session, terminalId, starting, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (null, $"Could not open a shell in your toolbox pod ({ex.Message}). It may still be starting: try again in a few seconds.");
        }

        if (_sessions.Find(session.Id) is null)
        {
            // The session ended while the shell started: its end may have missed this shell, so end it here.
            await shell.EndAsync(SessionEndedMessage);
            return (null, SessionEndedMessage);
        }

        return (shell, string.Empty);
    }

    /// <summary>The terminal's shell as it starts or runs, started now if it has none; null when the session has its most shells.</summary>
    private Task<TerminalShell>? GetOrStartShell(LabSession session, string terminalId, int columns, int rows)
    {
        var key = (session.Id, terminalId);
        lock (_gate)
        {
            if (!_shells.TryGetValue(key, out var starting) || starting is { IsCompletedSuccessfully: true, Result.HasEnded: true })
            {
                var others = _shells.Count(e => e.Key.Session == session.Id && e.Key != key);
                if (others >= _options.MaxShellsPerSession)
                {
                    return null;
                }

                starting = Task.Run(() => StartShellAsync(session, terminalId, columns, rows), CancellationToken.None);
                _shells[key] = starting;
            }

            return starting;
        }
    }

    /// <summary>Waits for a shell's start; one that failed is forgotten (logged), so the next attempt starts afresh.</summary>
    private async Task<TerminalShell> AwaitStartAsync(LabSession session, string terminalId, Task<TerminalShell> starting, CancellationToken cancellationToken)
    {
        try
        {
            return await starting.WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _shells.TryRemove(new KeyValuePair<(string, string), Task<TerminalShell>>((session.Id, terminalId), starting));
            _logger.LogWarning(ex, "Exec into {Namespace}/{Pod} failed", session.ToolboxNamespace, session.ToolboxPod);
            throw;
        }
    }

    private async Task<TerminalShell> StartShellAsync(LabSession session, string terminalId, int columns, int rows)
    {
        var request = new ExecRequest(session.ToolboxNamespace, session.ToolboxPod, session.ShellCommand, Tty: true);
        var exec = await _exec.StartAsync(request, _stopping.Token);
        var id = NewShellId();
        var shell = new TerminalShell(session.Id, terminalId, id, exec, _options.ReplayBytes, _time.GetUtcNow(), StartRecording(session.Id, terminalId, id, columns, rows));
        shell.Start(OnShellEndedAsync);
        return shell;
    }

    /// <summary>A new shell's recording, or null when recordings are off or the file cannot be made (logged: the shell runs on).</summary>
    private TerminalRecorder? StartRecording(string sessionId, string terminalId, string shellId, int columns, int rows)
    {
        if (_recordings.PathFor(sessionId, terminalId, shellId) is not { } path)
        {
            return null;
        }

        try
        {
            return new TerminalRecorder(path, columns, rows, _options.MaxRecordingBytes, _time, $"Terminal {terminalId}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(e, "Terminal {Terminal} of session {SessionId} is not recorded: {Path} cannot be written", terminalId, sessionId, path);
            return null;
        }
    }

    /// <summary>Forgets an ended shell, so the next page to open its terminal gets a new one.</summary>
    private Task OnShellEndedAsync(TerminalShell shell)
    {
        var key = (shell.SessionId, shell.TerminalId);
        if (_shells.TryGetValue(key, out var current) && current.IsCompletedSuccessfully && current.Result == shell)
        {
            _shells.TryRemove(new KeyValuePair<(string, string), Task<TerminalShell>>(key, current));
        }

        return Task.CompletedTask;
    }

    /// <summary>Message to the pages of a terminal whose tab the learner closed.</summary>
    public const string ClosedMessage = "This terminal was closed.";

    /// <summary>The running terminals of the caller's session, oldest first; empty for a session that is not theirs.</summary>
    public IReadOnlyList<string> TerminalsOf(string? learnerId, string? sessionId)
    {
        if (string.IsNullOrWhiteSpace(sessionId) || _sessions.FindOwned(sessionId, learnerId) is null)
        {
            return [];
        }

        return [.. RunningShells().Where(s => s.SessionId == sessionId && !s.HasEnded).OrderBy(s => s.Number).Select(s => s.TerminalId)];
    }

    /// <summary>Ends the caller's terminal's shell, if it has one (closing a tab); the cap then counts it no more.</summary>
    public async Task CloseAsync(string? learnerId, string? sessionId, string? terminalId)
    {
        if (FindShell(learnerId, sessionId, terminalId) is { } shell)
        {
            await EndShellAsync(shell, ClosedMessage);
        }
    }

    /// <summary>A session ended: end its shells (their pages are told why).</summary>
    private void OnSessionEnded(LabSession session)
    {
        foreach (var shell in RunningShells().Where(s => s.SessionId == session.Id))
        {
            _ = EndShellAsync(shell, SessionEndedMessage);
        }
    }

    /// <summary>Ends the shells nobody has watched for <see cref="TerminalOptions.IdleShellTimeout"/>.</summary>
    internal async Task SweepIdleShellsAsync()
    {
        var now = _time.GetUtcNow();
        foreach (var shell in RunningShells().Where(s => s.AwaitingHandover && _sessions.Find(s.SessionId) is not null))
        {
            shell.HandedOver(now);
        }

        foreach (var shell in RunningShells().Where(s => !s.AwaitingHandover && s.ViewerCount == 0 && now - s.IdleSince >= _options.IdleShellTimeout))
        {
            _logger.LogInformation("Ending shell {Terminal} of session {SessionId}: nobody watched it for {Timeout}", shell.TerminalId, shell.SessionId, _options.IdleShellTimeout);
            await EndShellAsync(shell, IdleMessage());
        }
    }

    private async Task EndShellAsync(TerminalShell shell, string reason)
    {
        try
        {
            await shell.EndAsync(reason);
        }
        catch (Exception ex)
        {
            // Runs detached from any request: log instead of losing the exception.
            _logger.LogWarning(ex, "Ending shell {Terminal} of session {SessionId} failed", shell.TerminalId, shell.SessionId);
        }
    }

    private async Task TryResizeAsync(TerminalShell shell, int columns, int rows, CancellationToken cancellationToken)
    {
        try
        {
            await shell.ResizeAsync(columns, rows, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A lost resize only leaves the shell at its old size; the pump reports a dead stream.
            _logger.LogDebug(ex, "Resize of shell {Terminal} in session {SessionId} failed", shell.TerminalId, shell.SessionId);
        }
    }
}
