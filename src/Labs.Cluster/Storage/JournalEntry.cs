namespace Labs.Cluster.Storage;

/// <summary>One change as it is written to a <see cref="IStoreJournal"/>: the change, where the object lives, its JSON text and when it was made.</summary>
/// <param name="Change">The change (its object is the store's own copy: read, never changed).</param>
/// <param name="Namespace">The object's namespace; empty for cluster-scoped objects.</param>
/// <param name="Name">The object's name.</param>
/// <param name="Json">The object as UTF-8 JSON, serialized under the store's lock so the journal never touches live objects.</param>
/// <param name="At">When the change was made (for the replay window).</param>
internal sealed record JournalEntry(StoreEvent Change, string Namespace, string Name, byte[] Json, DateTimeOffset At);
