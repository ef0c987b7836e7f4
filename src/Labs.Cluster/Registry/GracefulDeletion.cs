namespace Labs.Cluster.Registry;

/// <summary>What a delete does to an object of a kind deleted gracefully (the outcome of rest.BeforeDelete).</summary>
internal enum GracefulDeletion
{
    /// <summary>The kind is not deleted gracefully, or the object goes now (a deletion that had no grace period left).</summary>
    None,

    /// <summary>The object is marked with a deletionTimestamp and grace period (0 to go at once when nothing holds it).</summary>
    Graceful,

    /// <summary>A graceful deletion is already under way and the request does not shorten it: nothing changes.</summary>
    Pending,
}
