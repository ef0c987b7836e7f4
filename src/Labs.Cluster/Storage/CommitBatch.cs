namespace Labs.Cluster.Storage;

/// <summary>
/// The changes of concurrent writers made durable together in one journal append (group commit). Writers wait for
/// it after leaving the store's lock; the committer completes it once its changes are durable and visible.
/// </summary>
internal sealed class CommitBatch
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _failure;

    /// <summary>The changes, in resourceVersion order.</summary>
    public List<JournalEntry> Entries { get; } = [];

    /// <summary>The changes are durable and applied: their writers may return.</summary>
    public void Complete() => _done.TrySetResult();

    /// <summary>The changes could not be made durable (and were not applied): their writers fail with <paramref name="reason"/>.</summary>
    public void Fail(string reason)
    {
        _failure = reason;
        _done.TrySetResult();
    }

    /// <summary>Blocks until the batch is durable; throws the store's 500 InternalError when it failed.</summary>
    public void Wait()
    {
        _done.Task.Wait();
        if (_failure is { } reason)
        {
            throw StoreErrors.Unwritable(reason);
        }
    }
}
