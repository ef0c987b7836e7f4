namespace Labs.Sessions;

/// <summary>Who may see every learner's sessions (instructors): the host knows its accounts' roles, sessions do not.</summary>
public interface ISessionOverseers
{
    /// <summary>Whether <paramref name="learnerId"/> may see (read, never change) every learner's sessions.</summary>
    bool SeesEveryone(string learnerId);
}
