namespace Labs.Grading;

/// <summary>The outcome of checking one task: every check's result and the points earned.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Passed">Whether every check passed.</param>
/// <param name="Points">Points earned: the sum over the passed checks (partial credit).</param>
/// <param name="MaxPoints">The task's points.</param>
/// <param name="Checks">Every check's result, in the order of the task's checks.</param>
public sealed record TaskResult(string TaskId, bool Passed, int Points, int MaxPoints, IReadOnlyList<CheckResult> Checks)
{
    /// <summary>The failed checks' messages, e.g. <c>Deployment web: expected 2 replicas, found 1</c>; empty when the task passed.</summary>
    public IReadOnlyList<string> Messages => [.. Checks.Where(c => !c.Passed).Select(c => c.Message)];
}
