namespace Labs.Cluster.Workloads.Exec;

/// <summary>A host directory made visible inside the sandbox.</summary>
/// <param name="Source">Directory on the host.</param>
/// <param name="Target">Path inside the sandbox.</param>
/// <param name="ReadOnly">Whether the sandbox may only read it.</param>
internal sealed record SandboxMount(string Source, string Target, bool ReadOnly);
