namespace Labs.Grading;

/// <summary>How a grading run behaves.</summary>
public sealed record GradeOptions
{
    /// <summary>The defaults: condition checks wait up to their timeout.</summary>
    public static GradeOptions Default { get; } = new();

    /// <summary>
    /// Whether condition checks wait up to their <c>timeout</c> for the condition (default true). <c>labs test</c> turns
    /// it off to assert, before the solution runs, that checks fail: waiting there would only make the test slow.
    /// </summary>
    public bool Wait { get; init; } = true;
}
