namespace Labs.Cluster.Workloads.Exec;

/// <summary>The query of an exec request.</summary>
internal sealed record ExecRequest(IReadOnlyList<string> Command, bool Stdin, bool Stdout, bool Stderr, bool Tty);
