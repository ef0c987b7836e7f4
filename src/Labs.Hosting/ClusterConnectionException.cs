namespace Labs.Hosting;

/// <summary>The configured cluster cannot be used (a missing or broken kubeconfig, no service account); the message says which setting.</summary>
public sealed class ClusterConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClusterConnectionException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
