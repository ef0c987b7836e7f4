using Labs.Cluster.Workloads.Isolation;

namespace Labs.Cluster.Workloads.Exec;

/// <summary>What one sandboxed command sees: the pod's own directories, its environment and the command.</summary>
/// <param name="Hostname">The sandbox's hostname: the pod's spec.hostname, else its name.</param>
/// <param name="Pod">The pod's prepared sandbox: host user, home, /tmp, identity files, cgroup.</param>
/// <param name="Mounts">Pod volumes, each held open and bound at its mountPath.</param>
/// <param name="WorkingDirectory">Directory to start in, inside the sandbox.</param>
/// <param name="Environment">The complete environment of the command.</param>
/// <param name="Command">The command and its arguments.</param>
/// <param name="Tty">Whether the command runs on a terminal.</param>
/// <param name="Api">The API server to forward into the sandbox's network namespace, if any.</param>
/// <param name="NetworkNamespace">The pod's network namespace to join (a path <c>nsenter --net=</c> opens); null: one of its own.</param>
/// <param name="NetworkFiles">A directory with the pod's <c>resolv.conf</c> and <c>hosts</c>, bound over /etc's; null: the host's.</param>
/// <param name="Tools">A host directory of extra programs bound read-only at <see cref="Sandbox.ToolsDirectory"/>, if any.</param>
internal sealed record SandboxSpec(
    string Hostname,
    PodSandbox Pod,
    IReadOnlyList<SandboxMount> Mounts,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> Command,
    bool Tty,
    ApiForward? Api = null,
    string? Tools = null,
    string? NetworkNamespace = null,
    string? NetworkFiles = null);
