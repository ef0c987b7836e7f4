using Microsoft.Win32.SafeHandles;

namespace Labs.Cluster.Workloads.Exec;

/// <summary>A host directory or file made visible inside the sandbox, held open so it is bound by descriptor.</summary>
/// <param name="Source">An O_PATH handle on what to bind, resolved safely inside its volume.</param>
/// <param name="Target">Path inside the sandbox.</param>
/// <param name="ReadOnly">Whether the sandbox may only read it.</param>
internal sealed record SandboxMount(SafeFileHandle Source, string Target, bool ReadOnly);
