namespace Labs.Cluster.Workloads.Isolation;

/// <summary>
/// A volumeMount's subPath cannot be used: it is absolute, climbs with <c>..</c>, or leads out of its volume
/// through a symbolic link. <see cref="Exception.Message"/> is what the kubelet reports on the container.
/// </summary>
internal sealed class SubPathException : Exception
{
    public SubPathException(string message)
        : base(message)
    {
    }

    public SubPathException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SubPathException()
    {
    }
}
