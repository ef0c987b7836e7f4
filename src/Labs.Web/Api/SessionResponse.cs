using Labs.Sessions;

namespace Labs.Web.Api;

/// <summary>A running session as the API returns it.</summary>
public sealed record SessionResponse(string SessionId, string LabId, string Namespace, DateTimeOffset CreatedAt)
{
    /// <summary>Describes a session.</summary>
    public static SessionResponse From(LabSession session) =>
        new(session.Id, session.LabId, session.Namespace, session.CreatedAt);
}
