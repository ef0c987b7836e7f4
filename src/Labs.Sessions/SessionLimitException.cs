namespace Labs.Sessions;

/// <summary>A learner tried to start a session while they already have as many running as they may.</summary>
public sealed class SessionLimitException : Exception
{
    /// <summary>Creates the exception; the message tells the learner what to do.</summary>
    public SessionLimitException(int limit, IReadOnlyList<LabSession> running)
        : base(Describe(limit, running))
    {
        Limit = limit;
        Running = running;
    }

    /// <summary>How many sessions one learner may have at once.</summary>
    public int Limit { get; }

    /// <summary>The learner's running sessions when the start was refused.</summary>
    public IReadOnlyList<LabSession> Running { get; }

    private static string Describe(int limit, IReadOnlyList<LabSession> running)
    {
        var labs = running.Count == 0 ? string.Empty : $" ({string.Join(", ", running.Select(s => s.LabId))})";
        return $"You already have {limit} lab{(limit == 1 ? "" : "s")} running{labs}, the most one learner may have at once. "
            + "Open one of them and press Finish, then start this one again.";
    }
}
