namespace Labs.Grading;

/// <summary>
/// Runs <c>as: grader</c> commands on the platform's side, with the platform's credentials, where the learner cannot
/// see or change them.
/// </summary>
public interface IGraderShell
{
    /// <summary>
    /// Runs <paramref name="command"/> with <c>bash -c</c>, with <c>NAMESPACE</c> set to <paramref name="ns"/>, and
    /// returns its exit code (null when it was stopped at <paramref name="timeout"/>), stdout and stderr.
    /// </summary>
    /// <exception cref="InvalidOperationException">Grader commands are not configured on this platform; the message says what to set.</exception>
    Task<(int? ExitCode, string Stdout, string Stderr)> RunAsync(string command, string ns, TimeSpan timeout, CancellationToken cancellationToken);
}
