namespace Labs.Kube;

/// <summary>What to run in a pod: <c>GET .../pods/NAME/exec?command=...</c>.</summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Pod">The pod's name.</param>
/// <param name="Command">Command and arguments.</param>
/// <param name="Container">Container name; null for the pod's only container.</param>
/// <param name="Tty">Allocate a terminal (stderr is then merged into stdout).</param>
/// <param name="Stdin">Open standard input.</param>
public sealed record ExecRequest(string Namespace, string Pod, IReadOnlyList<string> Command, string? Container = null, bool Tty = true, bool Stdin = true);
