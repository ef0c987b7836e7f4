namespace Labs.Cluster.Workloads.Exec;

/// <summary>What one sandboxed command sees: the pod's own directories, its environment and the command.</summary>
/// <param name="Hostname">The pod name, used as the sandbox's hostname.</param>
/// <param name="HomeDirectory">The pod's persistent home on the host, bound at <c>/home/learner</c>.</param>
/// <param name="Mounts">Pod volumes: host directory, mount path inside, and whether read-only.</param>
/// <param name="WorkingDirectory">Directory to start in, inside the sandbox.</param>
/// <param name="Environment">The complete environment of the command.</param>
/// <param name="Command">The command and its arguments.</param>
/// <param name="Tty">Whether the command runs on a terminal.</param>
internal sealed record SandboxSpec(
    string Hostname,
    string HomeDirectory,
    IReadOnlyList<SandboxMount> Mounts,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> Command,
    bool Tty);
