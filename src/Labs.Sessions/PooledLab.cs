using System.Collections.Concurrent;

namespace Labs.Sessions;

/// <summary>The warm pool of one lab: how many ready environments to keep, how to set one up, and those ready now.</summary>
internal sealed class PooledLab(int size, Func<CancellationToken, Task<LabSetup>> setup)
{
    public int Size { get; } = size;

    public Func<CancellationToken, Task<LabSetup>> Setup { get; } = setup;

    /// <summary>Environments provisioned with the lab's setup, owned by nobody yet, oldest first.</summary>
    public ConcurrentQueue<LabSession> Ready { get; } = new();
}
