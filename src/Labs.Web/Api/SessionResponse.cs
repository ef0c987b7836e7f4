using Labs.Sessions;

namespace Labs.Web.Api;

/// <summary>A running session as the API returns it.</summary>
/// <param name="SessionId">The session's id.</param>
/// <param name="LabId">Its lab.</param>
/// <param name="Namespace">The learner's namespace (a new one after each reset).</param>
/// <param name="CreatedAt">When it was started.</param>
/// <param name="ExpiresAt">When it ends unless extended.</param>
/// <param name="ExpiresInSeconds">Seconds from this answer to <paramref name="ExpiresAt"/>, so the page needs no clock of the server's.</param>
/// <param name="Resets">How often it was reset.</param>
/// <param name="Resumed">True when a start found the session running (another tab, a reload) and resumed it.</param>
public sealed record SessionResponse(
    string SessionId, string LabId, string Namespace, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, long ExpiresInSeconds, int Resets, bool Resumed = false)
{
    /// <summary>Describes a session as of <paramref name="now"/>.</summary>
    public static SessionResponse From(LabSession session, DateTimeOffset now, bool resumed = false) =>
        new(session.Id, session.LabId, session.Namespace, session.CreatedAt, session.ExpiresAt,
            (long)Math.Max(0, Math.Floor((session.ExpiresAt - now).TotalSeconds)), session.Resets, resumed);
}
