namespace Labs.Sessions;

/// <summary>A session could not be started; the message says which step failed and why.</summary>
public sealed class SessionStartException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SessionStartException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
