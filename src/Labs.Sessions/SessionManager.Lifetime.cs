using Microsoft.Extensions.Logging;

namespace Labs.Sessions;

public sealed partial class SessionManager
{
    /// <summary>
    /// Gives the session a fresh namespace and toolbox with the lab's <paramref name="setup"/> applied again, keeping its
    /// id, its expiry and the learner's progress (check runs belong to the session id). The new environment is made
    /// before the old one is deleted, so a failed reset leaves the learner where they were. Null when no such session runs.
    /// </summary>
    /// <exception cref="SessionStartException">The new environment could not be made (the old one is kept).</exception>
    /// <exception cref="SessionBusyException">The session is being reset already.</exception>
    public async Task<LabSession?> ResetAsync(string sessionId, LabSetup? setup, CancellationToken cancellationToken = default)
    {
        if (_registry.Find(sessionId) is not { } current)
        {
            return null;
        }

        using var change = _changing.Enter(sessionId, "It is being reset already: wait a moment.");
        var resets = current.Resets + 1;
        var next = current with
        {
            Namespace = SessionNames.Namespace(_options, current.Id, resets),
            ToolboxPod = SessionNames.Toolbox(current.Id, resets),
            Resets = resets,
        };
        next = next with { TokenExpiresAt = await ProvisionAsync(next, setup, cancellationToken) };
        if (!_registry.Replace(next))
        {
            // Ended (or expired) while the new environment was made: it goes too.
            await CleanUpAsync(next.Namespace, next.ToolboxPod);
            return null;
        }

        await _store.SaveLiveAsync(next, null, CancellationToken.None);
        await CleanUpAsync(current.Namespace, current.ToolboxPod);
        LogReset(sessionId, next.Namespace);
        return next;
    }

    /// <summary>
    /// Moves the session's expiry <see cref="LabSessionOptions.ExtendBy"/> later (from now, when it is closer), never past
    /// <see cref="LabSessionOptions.MaxLifetime"/> after its start. Null when no such session runs.
    /// </summary>
    /// <exception cref="SessionBusyException">It already runs as long as a session may.</exception>
    public async Task<LabSession?> ExtendAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        if (_registry.Find(sessionId) is not { } current)
        {
            return null;
        }

        using var change = _changing.Enter(sessionId, "It is being reset: wait a moment, then extend it.");
        var now = _time.GetUtcNow();
        var latest = current.CreatedAt + _options.MaxLifetime;
        var expires = Min(Max(current.ExpiresAt, now) + _options.ExtendBy, latest);
        if (expires <= current.ExpiresAt)
        {
            throw new SessionBusyException(
                $"This lab cannot be extended any further: a session lasts at most {_options.MaxLifetime.TotalHours:0.#} hours, and this one ends at {latest:HH:mm} UTC.");
        }

        var next = (_registry.Find(sessionId) ?? current) with { ExpiresAt = expires };
        if (!_registry.Replace(next))
        {
            return null;
        }

        await _store.SaveLiveAsync(next, null, cancellationToken);
        return next;
    }

    /// <summary>Ends every session whose expiry has passed and deletes its namespace; returns how many.</summary>
    public async Task<int> ReapExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var reaped = 0;
        foreach (var session in _registry.All.Where(s => s.ExpiresAt <= now))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await EndAsync(session.Id, SessionEndReason.Expired, CancellationToken.None))
            {
                reaped++;
            }
        }

        return reaped;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} was reset: its namespace is now {Namespace}")]
    private partial void LogReset(string sessionId, string @namespace);
}
