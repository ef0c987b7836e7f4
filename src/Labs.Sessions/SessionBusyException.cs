namespace Labs.Sessions;

/// <summary>A session cannot do this now: it is being reset, or it cannot be extended any further.</summary>
public sealed class SessionBusyException : Exception
{
    /// <summary>Creates the exception; the message tells the learner what is going on.</summary>
    public SessionBusyException(string message)
        : base(message)
    {
    }
}
