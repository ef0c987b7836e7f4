namespace Labs.Data;

/// <summary>The database could not be opened or migrated; the message names the setting to look at.</summary>
public sealed class DataSetupException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DataSetupException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
