namespace Labs.Sessions;

/// <summary>Finds running sessions by id, and tells when one ends.</summary>
public interface ISessionRegistry
{
    /// <summary>Raised after a session was removed (ended); handlers release what they hold for it.</summary>
    event Action<LabSession>? SessionEnded;

    /// <summary>The session with this id, or <c>null</c> when there is none (unknown, ended or expired).</summary>
    /// <remarks>For the platform's own bookkeeping; a request on behalf of a learner uses <see cref="FindOwned"/>.</remarks>
    LabSession? Find(string sessionId);

    /// <summary>
    /// The session with this id if it belongs to <paramref name="ownerId"/>; <c>null</c> when there is none or it is
    /// someone else's, so that callers answer both cases alike and session ids cannot be probed.
    /// </summary>
    LabSession? FindOwned(string sessionId, string? ownerId) =>
        Find(sessionId) is { } session && session.IsOwnedBy(ownerId) ? session : null;

    /// <summary>
    /// The session with this id if <paramref name="viewerId"/> may see it: its owner, or someone who sees every
    /// learner's sessions (<see cref="ISessionOverseers"/>: instructors). For reads only; a change uses <see cref="FindOwned"/>.
    /// </summary>
    LabSession? FindVisible(string sessionId, string? viewerId) => FindOwned(sessionId, viewerId);
}
