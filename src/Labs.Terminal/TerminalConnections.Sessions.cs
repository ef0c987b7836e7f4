using Labs.Sessions;
using Microsoft.Extensions.Logging;

namespace Labs.Terminal;

/// <summary>What the bridge keeps per session: the cap on its shells, its replay buffer, and letting go when it ends.</summary>
public sealed partial class TerminalConnections
{
    private int ShellCount(string sessionId) => _bridges.Values.Count(b => b.SessionId == sessionId);

    private string TooManyShellsMessage() =>
        $"This lab already has {_options.MaxShellsPerSession} terminals open, the most one lab may have. "
        + "Close one (another tab or window with this lab), then press Reconnect.";

    /// <summary>
    /// Adds the connection's bridge unless the session has reached its shell cap (<paramref name="refusal"/> then says
    /// so) or the connection attached concurrently (then the first shell stays, and <paramref name="refusal"/> is null).
    /// </summary>
    private bool TryAddBridge(TerminalBridge bridge, out string? refusal)
    {
        lock (_attachGate)
        {
            if (ShellCount(bridge.SessionId) >= _options.MaxShellsPerSession)
            {
                refusal = TooManyShellsMessage();
                return false;
            }

            refusal = null;
            return _bridges.TryAdd(bridge.ConnectionId, bridge);
        }
    }

    /// <summary>A session ended: close its shells, tell their pages, and forget its screen.</summary>
    private void OnSessionEnded(LabSession session)
    {
        _replays.TryRemove(session.Id, out _);
        foreach (var bridge in _bridges.Values.Where(b => b.SessionId == session.Id).ToList())
        {
            _ = CloseEndedShellAsync(bridge);
        }
    }

    private async Task CloseEndedShellAsync(TerminalBridge bridge)
    {
        try
        {
            _bridges.TryRemove(new KeyValuePair<string, TerminalBridge>(bridge.ConnectionId, bridge));
            await bridge.DisposeAsync();
            await TrySendErrorAsync(bridge.ConnectionId, SessionEndedMessage);
        }
        catch (Exception ex)
        {
            // Runs detached from the request that ended the session: log instead of losing the exception.
            _logger.LogWarning(ex, "Closing the shell of ended session {SessionId} failed", bridge.SessionId);
        }
    }

    /// <summary>Forgets the replay buffers of sessions that ended, should an end have been missed.</summary>
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
