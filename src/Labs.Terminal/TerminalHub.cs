using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Labs.Terminal;

/// <summary>
/// The browser terminal's SignalR hub (<c>/hubs/terminal</c>). Client → server: <c>Attach(sessionId, cols, rows)</c>,
/// <c>Input(data)</c>, <c>Resize(cols, rows)</c>; server → client: see <see cref="TerminalClientMethods"/>.
/// Thin on purpose: the work happens in <see cref="TerminalConnections"/>.
/// </summary>
/// <remarks>
/// Every transport (negotiate, WebSockets, Server-Sent Events, long polling) requires an authenticated caller, by the
/// host's default authentication scheme; the caller's learner id is their <c>NameIdentifier</c> claim (SignalR's
/// <see cref="HubCallerContext.UserIdentifier"/>), and a session attaches only for its owner.
/// </remarks>
[Authorize]
public sealed class TerminalHub : Hub
{
    private readonly TerminalConnections _connections;

    /// <summary>Creates the hub for one invocation.</summary>
    /// <param name="connections">The singleton bridge holding every connection's shell.</param>
    public TerminalHub(TerminalConnections connections)
    {
        ArgumentNullException.ThrowIfNull(connections);
        _connections = connections;
    }

    /// <summary>Opens a shell in the caller's session's toolbox pod for this connection; returns whether it worked.</summary>
    [HubMethodName("Attach")]
    public Task<bool> AttachAsync(string sessionId, int cols, int rows) =>
        _connections.AttachAsync(Context.ConnectionId, Context.UserIdentifier, sessionId, cols, rows, Context.ConnectionAborted);

    /// <summary>Sends keystrokes or pasted text to the shell.</summary>
    [HubMethodName("Input")]
    public Task InputAsync(string data) =>
        _connections.InputAsync(Context.ConnectionId, data, Context.ConnectionAborted);

    /// <summary>Tells the shell the terminal's new size.</summary>
    [HubMethodName("Resize")]
    public Task ResizeAsync(int cols, int rows) =>
        _connections.ResizeAsync(Context.ConnectionId, cols, rows, Context.ConnectionAborted);

    /// <inheritdoc />
    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await _connections.DetachAsync(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }
}
