namespace Labs.Terminal;

/// <summary>
/// Wakes whoever waits for "something changed". Take <see cref="Next"/> before checking the condition, then await it:
/// a <see cref="Pulse"/> between the check and the await is not lost.
/// </summary>
internal sealed class Signal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>Completes at the next <see cref="Pulse"/>.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
