namespace Labs.Content.Checks;

/// <summary>
/// A command exits with a code and/or prints matching output: <c>- command: kubectl get pod web</c>,
/// <c>as: learner | grader</c>, <c>exitCode: 0</c> (the default when no output operator is given), and optionally an
/// output operator (<c>equals</c>, <c>contains</c>, <c>matches</c>). The command runs with <c>bash -c</c> and
/// sees the learner's namespace as <c>$NAMESPACE</c>, so verify scripts from other platforms carry over.
/// </summary>
public sealed record CommandCheck : Check
{
    /// <summary>The default limit of a command's run time.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The shell command.</summary>
    public required string Command { get; init; }

    /// <summary>Where it runs.</summary>
    public CommandRunner Runner { get; init; } = CommandRunner.Toolbox;

    /// <summary>The exit code required; null when only the output counts.</summary>
    public int? ExitCode { get; init; }

    /// <summary>What the output (stdout) must satisfy; null when only the exit code counts.</summary>
    public Assertion? Output { get; init; }

    /// <summary>How long the command may run.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <inheritdoc />
    protected override string Describe() =>
        $"`{Command}`{(ExitCode is { } code ? $" exits with {code}" : "")}{(Output is { } output ? $"{(ExitCode is null ? "" : " and")} prints output that {output}" : "")}";
}
