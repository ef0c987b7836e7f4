using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Labs.Terminal;

/// <summary>
/// The browser terminal's SignalR hub (<c>/hubs/terminal</c>). A terminal is named by its session and terminal id; its
/// shell outlives the connection. Server → client: the <c>Output</c> stream of <see cref="TerminalFrame"/>s, which the
/// browser acknowledges with <c>Ack</c> as it writes them (unacknowledged output holds the shell back). Client →
/// server: the <c>Input</c> stream, and <c>Resize</c>. Thin on purpose: the work happens in <see cref="TerminalConnections"/>.
/// </summary>
/// <remarks>
/// Every transport (negotiate, WebSockets, Server-Sent Events, long polling) requires an authenticated caller, by the
/// host's default authentication scheme; the caller's learner id is their <c>NameIdentifier</c> claim (SignalR's
/// <see cref="HubCallerContext.UserIdentifier"/>), and only a session's owner reaches its terminals.
/// </remarks>
[Authorize]
public sealed class TerminalHub : Hub
{
    private readonly TerminalConnections _connections;

    /// <summary>Creates the hub for one invocation.</summary>
    /// <param name="connections">The singleton holding every terminal's shell.</param>
    public TerminalHub(TerminalConnections connections)
    {
        ArgumentNullException.ThrowIfNull(connections);
        _connections = connections;
    }

    /// <summary>Streams the terminal's output (starting its shell if needed), resuming after <paramref name="afterSeq"/> of shell <paramref name="shellId"/>.</summary>
    [HubMethodName("Output")]
    public IAsyncEnumerable<TerminalFrame> OutputAsync(string sessionId, string terminalId, string? shellId, long afterSeq, int cols, int rows, CancellationToken cancellationToken) =>
        _connections.WatchAsync(Context.ConnectionId, Context.UserIdentifier, sessionId, terminalId, shellId, afterSeq, cols, rows, cancellationToken);

    /// <summary>Keystrokes and pasted text for the terminal's shell, as a stream.</summary>
    [HubMethodName("Input")]
    public Task InputAsync(string sessionId, string terminalId, IAsyncEnumerable<string> input) =>
        _connections.InputAsync(Context.ConnectionId, Context.UserIdentifier, sessionId, terminalId, input, Context.ConnectionAborted);

    /// <summary>The browser has written the terminal's output up to <paramref name="seq"/> to its screen.</summary>
    [HubMethodName("Ack")]
    public void Ack(string sessionId, string terminalId, long seq) =>
        _connections.Acknowledge(Context.ConnectionId, Context.UserIdentifier, sessionId, terminalId, seq);

    /// <summary>The caller's session's terminals that have a shell, in the order they were opened (none for anyone else's).</summary>
    [HubMethodName("Terminals")]
    public IReadOnlyList<string> Terminals(string sessionId) =>
        _connections.TerminalsOf(Context.UserIdentifier, sessionId);

    /// <summary>Ends the terminal's shell (the learner closed its tab); every page showing it is told.</summary>
    [HubMethodName("Close")]
    public Task CloseAsync(string sessionId, string terminalId) =>
        _connections.CloseAsync(Context.UserIdentifier, sessionId, terminalId);

    /// <summary>Tells the shell the terminal's new size.</summary>
    [HubMethodName("Resize")]
    public Task ResizeAsync(string sessionId, string terminalId, int cols, int rows) =>
        _connections.ResizeAsync(Context.UserIdentifier, sessionId, terminalId, cols, rows, Context.ConnectionAborted);
}
