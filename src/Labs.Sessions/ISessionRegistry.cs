namespace Labs.Sessions;

/// <summary>Finds running sessions by id.</summary>
public interface ISessionRegistry
{
    /// <summary>The session with this id, or <c>null</c> when there is none (unknown, ended or expired).</summary>
    LabSession? Find(string sessionId);
}
