using System.Collections.Concurrent;
using System.Text;
using Labs.Kube;
using Labs.Sessions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Labs.Terminal;

/// <summary>
/// The terminal bridge: one exec into the session's toolbox pod per SignalR connection, its output relayed to that
/// connection, and the recent output of each session kept for replay. <see cref="TerminalHub"/> only forwards to
/// this singleton, so the logic here runs (and is tested) without SignalR's transport.
/// </summary>
public sealed partial class TerminalConnections : IAsyncDisposable
{
    /// <summary>Sent when the session id is unknown, ended or expired.</summary>
    public const string SessionNotFoundMessage = "Session not found: it may have expired. Start the lab again.";

    /// <summary>Sent when input or a resize arrives on a connection without a shell.</summary>
    public const string NotAttachedMessage = "No shell is attached to this terminal: start the lab, or reconnect.";

    private readonly ConcurrentDictionary<string, TerminalBridge> _bridges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ReplayBuffer> _replays = new(StringComparer.Ordinal);
    private readonly IKubeClient _kube;
    private readonly ISessionRegistry _sessions;
    private readonly IHubContext<TerminalHub> _hub;
    private readonly ILogger<TerminalConnections> _logger;

    /// <summary>Creates the bridge; registered as a singleton by <see cref="TerminalServiceCollectionExtensions.AddTerminal"/>.</summary>
    /// <param name="kube">Opens the exec streams.</param>
    /// <param name="sessions">Resolves session ids to namespaces and toolbox pods.</param>
    /// <param name="hub">Sends output, exit and errors to one connection.</param>
    /// <param name="logger">Logs failures the learner only sees as a short message.</param>
    public TerminalConnections(IKubeClient kube, ISessionRegistry sessions, IHubContext<TerminalHub> hub, ILogger<TerminalConnections> logger)
    {
        ArgumentNullException.ThrowIfNull(kube);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(logger);
        _kube = kube;
        _sessions = sessions;
        _hub = hub;
        _logger = logger;
    }

    /// <summary>How many connections currently have a shell attached.</summary>
    public int AttachedCount => _bridges.Count;

    /// <summary>Whether this connection currently has a shell attached.</summary>
    public bool IsAttached(string connectionId) => _bridges.ContainsKey(connectionId);

    /// <summary>
    /// Opens a shell in the session's toolbox pod for this connection (replacing any shell it had), replays the
    /// session's recent output and starts relaying. Problems are reported to the connection as <c>Error</c>.
    /// </summary>
    /// <returns>Whether a shell is now attached (false after an <c>Error</c> was sent).</returns>
    public async Task<bool> AttachAsync(string connectionId, string? sessionId, int columns, int rows, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        await DetachAsync(connectionId);

        if (!IsValidSize(columns, rows))
        {
            await SendErrorAsync(connectionId, SizeMessage(columns, rows), cancellationToken);
            return false;
        }

        var session = string.IsNullOrWhiteSpace(sessionId) ? null : _sessions.Find(sessionId);
        if (session is null)
        {
            await SendErrorAsync(connectionId, SessionNotFoundMessage, cancellationToken);
            return false;
        }

        SweepReplays();
        IExecSession exec;
        try
        {
            var request = new ExecRequest(session.ToolboxNamespace, session.ToolboxPod, session.ShellCommand, Tty: true);
            exec = await _kube.ExecAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Exec into {Namespace}/{Pod} failed", session.ToolboxNamespace, session.ToolboxPod);
            await SendErrorAsync(connectionId,
                $"Could not open a shell in your toolbox pod ({ex.Message}). It may still be starting: try again in a few seconds.",
                cancellationToken);
            return false;
        }

        var bridge = new TerminalBridge(connectionId, session.Id, exec);
        if (!_bridges.TryAdd(connectionId, bridge))
        {
            // Only a client invoking Attach concurrently on one connection gets here; keep the first shell.
            await bridge.DisposeAsync();
            return false;
        }

        var replay = _replays.GetOrAdd(session.Id, _ => new ReplayBuffer(TerminalLimits.ReplayBufferBytes));
        await SendReplayAsync(connectionId, replay.Snapshot(), cancellationToken);
        await TryResizeAsync(bridge, columns, rows, cancellationToken);
        bridge.Pump = Task.Run(() => PumpAsync(bridge, replay), CancellationToken.None);
        return true;
    }

    /// <summary>Types <paramref name="data"/> into the connection's shell (UTF-8); oversize input is refused with <c>Error</c>.</summary>
    public async Task InputAsync(string connectionId, string? data, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        if (string.IsNullOrEmpty(data))
        {
            return;
        }

        if (data.Length > TerminalLimits.MaxInputChars)
        {
            await SendErrorAsync(connectionId,
                $"Input too large: {data.Length} characters in one message, at most {TerminalLimits.MaxInputChars} are accepted. Paste in smaller pieces.",
                cancellationToken);
            return;
        }

        if (!_bridges.TryGetValue(connectionId, out var bridge))
        {
            await SendErrorAsync(connectionId, NotAttachedMessage, cancellationToken);
            return;
        }

        try
        {
            await bridge.WriteStdinAsync(Encoding.UTF8.GetBytes(data), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || bridge.Stopping.IsCancellationRequested)
        {
            _logger.LogInformation(ex, "Input to connection {ConnectionId} could not be written", connectionId);
            await SendErrorAsync(connectionId, "Your input could not reach the shell: it has ended. Reconnect to open a new one.", cancellationToken);
        }
    }

    /// <summary>Resizes the connection's terminal; ignored when no shell is attached (the page resizes before attaching).</summary>
    public async Task ResizeAsync(string connectionId, int columns, int rows, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        if (!IsValidSize(columns, rows))
        {
            await SendErrorAsync(connectionId, SizeMessage(columns, rows), cancellationToken);
            return;
        }

        if (_bridges.TryGetValue(connectionId, out var bridge))
        {
            await TryResizeAsync(bridge, columns, rows, cancellationToken);
        }
    }

    /// <summary>Closes the connection's shell, if any (called when the SignalR connection closes).</summary>
    public async Task DetachAsync(string connectionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        if (_bridges.TryRemove(connectionId, out var bridge))
        {
            await bridge.DisposeAsync();
        }
    }

    /// <summary>Closes every shell (application shutdown).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var connectionId in _bridges.Keys)
        {
            await DetachAsync(connectionId);
        }
    }

    private static bool IsValidSize(int columns, int rows) =>
        columns is >= 1 and <= TerminalLimits.MaxDimension && rows is >= 1 and <= TerminalLimits.MaxDimension;

    private static string SizeMessage(int columns, int rows) =>
        $"Invalid terminal size {columns}x{rows}: columns and rows must be between 1 and {TerminalLimits.MaxDimension}.";

    /// <summary>Forgets the replay buffers of sessions that ended, so memory follows the live sessions.</summary>
    private void SweepReplays()
    {
        foreach (var sessionId in _replays.Keys)
        {
            if (_sessions.Find(sessionId) is null)
            {
                _replays.TryRemove(sessionId, out _);
            }
        }
    }
}
