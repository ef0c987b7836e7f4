using System.Collections.Concurrent;
using System.Text;
using Labs.Kube;
using Labs.Sessions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Labs.Terminal;

/// <summary>
/// The terminal bridge: one exec into the session's toolbox pod per SignalR connection, its output relayed to that
/// connection, and the recent output of each session kept for replay. <see cref="TerminalHub"/> only forwards to
/// this singleton, so the logic here runs (and is tested) without SignalR's transport.
/// </summary>
public sealed partial class TerminalConnections : IAsyncDisposable
{
    /// <summary>Sent when the session id is unknown, ended, expired or not the caller's (the same words, so ids cannot be probed).</summary>
    public const string SessionNotFoundMessage = "Session not found: it may have expired. Start the lab again.";

    /// <summary>Sent to the shells of a session when it ends (the page then offers to start the lab again).</summary>
    public const string SessionEndedMessage = "Session not found: this lab was ended. Start the lab again for a fresh environment.";

    /// <summary>Sent when input or a resize arrives on a connection without a shell.</summary>
    public const string NotAttachedMessage = "No shell is attached to this terminal: start the lab, or reconnect.";

    private readonly ConcurrentDictionary<string, TerminalBridge> _bridges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ReplayBuffer> _replays = new(StringComparer.Ordinal);

    // Makes "count the session's shells, then add one" atomic, so the per-session cap holds under concurrent attaches.
    private readonly Lock _attachGate = new();
    private readonly TerminalOptions _options;
    private readonly IPodExec _exec;
    private readonly ISessionRegistry _sessions;
    private readonly IHubContext<TerminalHub> _hub;
    private readonly ILogger<TerminalConnections> _logger;

    /// <summary>Creates the bridge; registered as a singleton by <see cref="TerminalServiceCollectionExtensions.AddTerminal"/>.</summary>
    /// <param name="exec">Opens the exec streams.</param>
    /// <param name="sessions">Resolves session ids to namespaces and toolbox pods.</param>
    /// <param name="hub">Sends output, exit and errors to one connection.</param>
    /// <param name="logger">Logs failures the learner only sees as a short message.</param>
    /// <param name="options">The terminal's limits.</param>
    public TerminalConnections(IPodExec exec, ISessionRegistry sessions, IHubContext<TerminalHub> hub, ILogger<TerminalConnections> logger, IOptions<TerminalOptions> options)
    {
        ArgumentNullException.ThrowIfNull(exec);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(options);
        _exec = exec;
        _sessions = sessions;
        _hub = hub;
        _logger = logger;
        _options = options.Value;
        _sessions.SessionEnded += OnSessionEnded;
    }

    /// <summary>How many connections currently have a shell attached.</summary>
    public int AttachedCount => _bridges.Count;

    /// <summary>How many sessions' recent screens are kept for replay (they follow the live sessions).</summary>
    internal int ReplayCount => _replays.Count;

    /// <summary>Whether this connection currently has a shell attached.</summary>
    public bool IsAttached(string connectionId) => _bridges.ContainsKey(connectionId);

    /// <summary>
    /// Opens a shell in the session's toolbox pod for this connection (replacing any shell it had), replays the
    /// session's recent output and starts relaying. Only the session's owner may attach: anyone else is told the
    /// session was not found, as for a missing one, and sees none of its screen. Problems are reported to the
    /// connection as <c>Error</c>.
    /// </summary>
    /// <param name="connectionId">The SignalR connection.</param>
    /// <param name="learnerId">The caller's learner id (from their authenticated identity); null for none.</param>
    /// <param name="sessionId">The session to attach to.</param>
    /// <param name="columns">Terminal width.</param>
    /// <param name="rows">Terminal height.</param>
    /// <param name="cancellationToken">Cancels the attach.</param>
    /// <returns>Whether a shell is now attached (false after an <c>Error</c> was sent).</returns>
    public async Task<bool> AttachAsync(string connectionId, string? learnerId, string? sessionId, int columns, int rows, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        await DetachAsync(connectionId);

        if (!IsValidSize(columns, rows))
        {
            await SendErrorAsync(connectionId, SizeMessage(columns, rows), cancellationToken);
            return false;
        }

        var session = string.IsNullOrWhiteSpace(sessionId) ? null : _sessions.FindOwned(sessionId, learnerId);
        if (session is null)
        {
            await SendErrorAsync(connectionId, SessionNotFoundMessage, cancellationToken);
            return false;
        }

        if (ShellCount(session.Id) >= _options.MaxShellsPerSession)
        {
            // Checked before opening an exec, so a client looping on Attach costs no shell; checked again on add.
            await SendErrorAsync(connectionId, TooManyShellsMessage(), cancellationToken);
            return false;
        }

        SweepReplays();
        IExecSession exec;
        try
        {
            var request = new ExecRequest(session.ToolboxNamespace, session.ToolboxPod, session.ShellCommand, Tty: true);
            exec = await _exec.StartAsync(request, cancellationToken);
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
        if (!TryAddBridge(bridge, out var refusal))
        {
            await bridge.DisposeAsync();
            if (refusal is not null)
            {
                await SendErrorAsync(connectionId, refusal, cancellationToken);
            }

            return false;
        }

        if (_sessions.Find(session.Id) is null)
        {
            // The session ended while the shell opened: its end already swept the bridges, so drop this one here.
            await DetachAsync(connectionId);
            await SendErrorAsync(connectionId, SessionEndedMessage, cancellationToken);
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
        _sessions.SessionEnded -= OnSessionEnded;
        foreach (var connectionId in _bridges.Keys)
        {
            await DetachAsync(connectionId);
        }
    }

    private static bool IsValidSize(int columns, int rows) =>
        columns is >= 1 and <= TerminalLimits.MaxDimension && rows is >= 1 and <= TerminalLimits.MaxDimension;

    private static string SizeMessage(int columns, int rows) =>
        $"Invalid terminal size {columns}x{rows}: columns and rows must be between 1 and {TerminalLimits.MaxDimension}.";
}
