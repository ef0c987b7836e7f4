namespace Labs.Cluster.Workloads.Network;

/// <summary>Source ports for simulated connections, as Linux picks them (32768 to 60999, in turn), for servers' access logs.</summary>
internal static class Ephemeral
{
    private const int First = 32768;
    private const int Count = 60999 - First + 1;
    private static int _next = Random.Shared.Next(Count);

    /// <summary>The next port.</summary>
    public static int Next() => First + (int)((uint)Interlocked.Increment(ref _next) % Count);
}
