namespace Labs.Cluster.Workloads.Metrics;

/// <summary>What one container uses: CPU in nanocores (a rate) and memory working set in bytes.</summary>
/// <param name="Name">Container name.</param>
/// <param name="NanoCores">CPU use, in billionths of a core.</param>
/// <param name="MemoryBytes">Memory working set.</param>
internal readonly record struct ContainerUsage(string Name, long NanoCores, long MemoryBytes);
