namespace Labs.Grading;

/// <summary>The outcome of checking one task.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Passed">Whether every check passed.</param>
/// <param name="Messages">
/// One sentence per problem found, e.g. <c>Deployment web: expected 2 replicas, found 1</c>; empty when the task passed.
/// </param>
public sealed record TaskResult(string TaskId, bool Passed, IReadOnlyList<string> Messages);
