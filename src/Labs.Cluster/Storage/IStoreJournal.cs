namespace Labs.Cluster.Storage;

/// <summary>
/// Where an <see cref="InMemoryObjectStore"/> makes its writes durable. The store calls <see cref="Append"/> from one
/// thread at a time, with the changes of many concurrent writers at once (group commit), in resourceVersion order.
/// </summary>
internal interface IStoreJournal : IDisposable
{
    /// <summary>
    /// Writes <paramref name="entries"/> in one atomic step and returns once they survive a crash of the process or
    /// the machine; throws when they may not have. Changes up to <paramref name="forgetThrough"/> need not be
    /// replayable any more.
    /// </summary>
    void Append(IReadOnlyList<JournalEntry> entries, long forgetThrough);
}
