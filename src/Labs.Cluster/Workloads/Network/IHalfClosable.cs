namespace Labs.Cluster.Workloads.Network;

/// <summary>A connection whose sending side can end (the other end reads end of file) while it still receives.</summary>
internal interface IHalfClosable
{
    /// <summary>Ends what this side sends.</summary>
    void CloseWrite();
}
