using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Labs.Kube;
using Labs.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Labs.Terminal;

/// <summary>
/// The browser terminals: one shell per (session, terminal id) that outlives the connections watching it, so a reload,
/// a dropped network or a second browser tab finds the same shell. <see cref="TerminalHub"/> only forwards to this
/// singleton, so the logic here runs (and is tested) without SignalR's transport.
/// </summary>
public sealed partial class TerminalConnections : IAsyncDisposable
{
    /// <summary>Sent when the session id is unknown, ended, expired or not the caller's (the same words, so ids cannot be probed).</summary>
    public const string SessionNotFoundMessage = "Session not found: it may have expired. Start the lab again.";

    /// <summary>Sent to the shells of a session when it ends (the page then offers to start the lab again).</summary>
    public const string SessionEndedMessage = "Session not found: this lab was ended. Start the lab again for a fresh environment.";

    /// <summary>Sent when input or a resize names a terminal that has no shell (it ended, or was never opened).</summary>
    public const string NotAttachedMessage = "No shell is open in this terminal: press Reconnect to open one.";

    private readonly ConcurrentDictionary<(string Session, string Terminal), Task<TerminalShell>> _shells = new();

    // Makes "count the session's shells, then add one" atomic, so the per-session cap holds under concurrent attaches.
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TerminalOptions _options;
    private readonly IPodExec _exec;
    private readonly ISessionRegistry _sessions;
    private readonly TimeProvider _time;
    private readonly ILogger<TerminalConnections> _logger;
    private readonly ITimer _idleSweep;
    private readonly TerminalRecordings _recordings;

    /// <summary>Creates the terminals; registered as a singleton by <see cref="TerminalServiceCollectionExtensions.AddTerminal"/>.</summary>
    /// <param name="exec">Opens the exec streams.</param>
    /// <param name="sessions">Resolves session ids to namespaces and toolbox pods.</param>
    /// <param name="time">The clock that ends shells nobody watches.</param>
    /// <param name="logger">Logs failures the learner only sees as a short message.</param>
    /// <param name="options">The terminal's limits.</param>
    /// <param name="recordings">Where shells are recorded; none when null.</param>
    public TerminalConnections(
        IPodExec exec, ISessionRegistry sessions, TimeProvider time, ILogger<TerminalConnections> logger, IOptions<TerminalOptions> options, TerminalRecordings? recordings = null)
    {
        _recordings = recordings ?? new TerminalRecordings(null);
        ArgumentNullException.ThrowIfNull(exec);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(options);
        _exec = exec;
        _sessions = sessions;
        _time = time;
        _logger = logger;
        _options = options.Value;
        _sessions.SessionEnded += OnSessionEnded;
        var period = TimeSpan.FromTicks(Math.Clamp(_options.IdleShellTimeout.Ticks / 4, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));
        _idleSweep = time.CreateTimer(_ => _ = SweepIdleShellsAsync(), null, period, period);
    }

    /// <summary>How many shells are running (or starting).</summary>
    public int ShellCount => _shells.Count;

    /// <summary>
    /// Streams the output of the caller's terminal <paramref name="terminalId"/> in session <paramref name="sessionId"/>,
    /// starting its shell if it has none. A browser that already shows output of shell <paramref name="shellId"/> up to
    /// <paramref name="afterSeq"/> gets what follows; any other gets the kept output from a safe start, marked as a reset.
    /// Only the session's owner may watch: anyone else is told the session was not found, as for a missing one, and
    /// sees none of its output. Problems are the stream's last frame (<see cref="TerminalFrame.Error"/>).
    /// </summary>
    /// <param name="connectionId">The SignalR connection (its input is reported in the frames).</param>
    /// <param name="learnerId">The caller's learner id (from their authenticated identity); null for none.</param>
    /// <param name="sessionId">The session.</param>
    /// <param name="terminalId">The terminal (tab) within the session.</param>
    /// <param name="shellId">The shell whose output the browser shows, or null.</param>
    /// <param name="afterSeq">How much of that shell's output the browser shows.</param>
    /// <param name="columns">Terminal width.</param>
    /// <param name="rows">Terminal height.</param>
    /// <param name="cancellationToken">Ends the stream (the connection closed); the shell lives on.</param>
    public async IAsyncEnumerable<TerminalFrame> WatchAsync(
        string connectionId, string? learnerId, string? sessionId, string? terminalId, string? shellId, long afterSeq, int columns, int rows,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        var (shell, error) = await OpenAsync(learnerId, sessionId, terminalId, columns, rows, cancellationToken);
        if (shell is null)
        {
            yield return new TerminalFrame(0, string.Empty, Error: error);
            yield break;
        }

        if (shell.AwaitingHandover)
        {
            shell.HandedOver(_time.GetUtcNow());
        }

        await TryResizeAsync(shell, columns, rows, cancellationToken);
        var resumes = shellId == shell.Id && afterSeq >= shell.Log.Head && afterSeq <= shell.Log.End;
        var from = resumes ? afterSeq : shell.Log.SafeStart;
        var viewer = shell.AddViewer(connectionId, from);
        try
        {
            await foreach (var frame in shell.WatchAsync(viewer, from, !resumes, cancellationToken))
            {
                yield return frame;
            }
        }
        finally
        {
            shell.RemoveViewer(viewer, _time.GetUtcNow());
        }
    }

    /// <summary>Records that the connection's screen shows the terminal's output up to <paramref name="seq"/>.</summary>
    public void Acknowledge(string connectionId, string? learnerId, string? sessionId, string? terminalId, long seq)
    {
        var shell = FindShell(learnerId, sessionId, terminalId);
        if (shell?.FindViewer(connectionId) is { } viewer)
        {
            shell.Acknowledge(viewer, seq);
        }
    }

    /// <summary>Closes every shell (application shutdown).</summary>
    public async ValueTask DisposeAsync()
    {
        _sessions.SessionEnded -= OnSessionEnded;
        await _idleSweep.DisposeAsync();
        await _stopping.CancelAsync();
        foreach (var shell in RunningShells())
        {
            await shell.DisposeAsync();
        }
    }

    private async Task<(TerminalShell? Shell, string Error)> OpenAsync(string? learnerId, string? sessionId, string? terminalId, int columns, int rows, CancellationToken cancellationToken)
    {
        if (!IsValidSize(columns, rows))
        {
            return (null, SizeMessage(columns, rows));
        }

        if (!IsValidTerminalId(terminalId))
        {
            return (null, $"Invalid terminal id '{terminalId}': 1 to {TerminalLimits.MaxTerminalIdLength} letters, digits, '-' or '_'.");
        }

        var session = string.IsNullOrWhiteSpace(sessionId) ? null : _sessions.FindOwned(sessionId, learnerId);
        if (session is null)
        {
            return (null, SessionNotFoundMessage);
        }

        return await GetOrStartShellAsync(session, terminalId!, columns, rows, cancellationToken);
    }

    private TerminalShell? FindShell(string? learnerId, string? sessionId, string? terminalId)
    {
        if (string.IsNullOrWhiteSpace(sessionId) || !IsValidTerminalId(terminalId) || _sessions.FindOwned(sessionId, learnerId) is null)
        {
            return null;
        }

        return Running(sessionId, terminalId!);
    }

    /// <summary>The terminal's shell if it runs (whoever owns it).</summary>
    internal TerminalShell? Running(string sessionId, string terminalId) =>
        _shells.TryGetValue((sessionId, terminalId), out var starting) && starting.IsCompletedSuccessfully && !starting.Result.HasEnded
            ? starting.Result
            : null;

    private List<TerminalShell> RunningShells() =>
        [.. _shells.Values.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result)];

    private static bool IsValidTerminalId(string? terminalId) =>
        !string.IsNullOrEmpty(terminalId) && terminalId.Length <= TerminalLimits.MaxTerminalIdLength
        && terminalId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static bool IsValidSize(int columns, int rows) =>
        columns is >= 1 and <= TerminalLimits.MaxDimension && rows is >= 1 and <= TerminalLimits.MaxDimension;

    private static string SizeMessage(int columns, int rows) =>
        $"Invalid terminal size {columns}x{rows}: columns and rows must be between 1 and {TerminalLimits.MaxDimension}.";

    private static string NewShellId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
