namespace Labs.Cluster.Admission;

/// <summary>The write operations admission runs for.</summary>
internal enum AdmissionOperation
{
    /// <summary>A new object.</summary>
    Create,

    /// <summary>A replaced object (PUT or PATCH of the main resource).</summary>
    Update,
}
