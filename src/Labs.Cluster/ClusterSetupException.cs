namespace Labs.Cluster;

/// <summary>
/// This machine is not set up the way the embedded cluster's nodes need (e.g. the data directory lies below a
/// directory that pod sandboxes, which run as users of their own, cannot pass through). The message says how to fix it.
/// </summary>
public sealed class ClusterSetupException : Exception
{
    /// <summary>Creates the exception with what is wrong and how to fix it.</summary>
    public ClusterSetupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with what is wrong, how to fix it, and the failure behind it.</summary>
    public ClusterSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public ClusterSetupException()
    {
    }
}
