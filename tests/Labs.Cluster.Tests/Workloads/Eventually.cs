namespace Labs.Cluster.Workloads;

/// <summary>Polls for a condition with a generous limit, so tests pass on a slow, busy machine.</summary>
internal static class Eventually
{
    public static Task<T> WaitAsync<T>(Func<T?> probe, string what, int seconds = 60)
        where T : class =>
        UntilAsync(() => Task.FromResult(probe()), what, seconds);

    /// <summary>Polls a probe that has to await (e.g. an HTTP request) until it answers non-null.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what, int seconds = 60)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {seconds} s waiting for {what}.");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public static Task WaitAsync(Func<bool> probe, string what, int seconds = 60) =>
        WaitAsync(() => probe() ? "ok" : null, what, seconds);
}
