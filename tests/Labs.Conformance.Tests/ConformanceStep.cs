namespace Labs.Conformance.Tests;

/// <summary>One kubectl run of a case and what it must answer.</summary>
/// <param name="Line">Line of the command in its file.</param>
/// <param name="Command">The command line, <c>kubectl ...</c>.</param>
/// <param name="Setup">Whether only success counts (a <c>+</c> line), not the output.</param>
/// <param name="Stdin">Text fed to kubectl's standard input, or null.</param>
/// <param name="Stdout">Expected standard output lines.</param>
/// <param name="Stderr">Expected standard error lines.</param>
/// <param name="ExitCode">Expected exit code.</param>
public sealed record ConformanceStep(
    int Line, string Command, bool Setup, string? Stdin, IReadOnlyList<string> Stdout, IReadOnlyList<string> Stderr, int ExitCode);
