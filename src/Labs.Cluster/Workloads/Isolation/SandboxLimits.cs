namespace Labs.Cluster.Workloads.Isolation;

/// <summary>What one pod's sandbox may use, from its containers' <c>resources.limits</c> and the node's settings.</summary>
/// <param name="MemoryBytes">Memory for all of the pod's processes; null: no limit.</param>
/// <param name="CpuMillis">CPU in thousandths of a core; null: no limit.</param>
/// <param name="Pids">Processes and threads at once.</param>
/// <param name="StorageBytes">Size of the pod's writable storage (home and /tmp).</param>
internal sealed record SandboxLimits(long? MemoryBytes, long? CpuMillis, long Pids, long StorageBytes);
