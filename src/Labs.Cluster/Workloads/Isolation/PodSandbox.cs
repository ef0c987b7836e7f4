namespace Labs.Cluster.Workloads.Isolation;

/// <summary>A pod's prepared sandbox on its node: who it runs as, where its files are, which cgroup holds it.</summary>
/// <param name="Directory">The pod's directory, owned by <paramref name="HostUid"/>.</param>
/// <param name="HostUid">The unprivileged host uid its processes run as; null: the platform's own uid.</param>
/// <param name="Home">Directory bound at the learner's home.</param>
/// <param name="Tmp">Directory bound at <c>/tmp</c>.</param>
/// <param name="Identity">Directory holding the sandbox's <c>passwd</c> and <c>group</c>.</param>
/// <param name="CgroupProcs">The <c>cgroup.procs</c> files every process of the pod joins; empty without limits.</param>
internal sealed record PodSandbox(string Directory, int? HostUid, string Home, string Tmp, string Identity, IReadOnlyList<string> CgroupProcs);
