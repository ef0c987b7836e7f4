using Labs.Content.Checks;

namespace Labs.Content;

/// <summary>A gradable task, declared in a <c>```task</c> block of a lesson.</summary>
public sealed record LabTask
{
    /// <summary>Task id, unique within the lab (lowercase letters, digits and dashes).</summary>
    public required string Id { get; init; }

    /// <summary>What the learner has to achieve, one line.</summary>
    public required string Title { get; init; }

    /// <summary>At least one check; the task passes when all pass.</summary>
    public required IReadOnlyList<Check> Checks { get; init; }

    /// <summary>Hints in inline Markdown, revealed one at a time on request (never in exams before submission).</summary>
    public IReadOnlyList<string> Hints { get; init; } = [];

    /// <summary>Markdown explaining the concept, shown once the task passes (in exams after submission); null for none.</summary>
    public string? Explanation { get; init; }

    /// <summary>Markdown showing a solution, revealed on request (in exams after submission); null for none.</summary>
    public string? Solution { get; init; }

    /// <summary>The id of the step the task belongs to; null before the first step.</summary>
    public string? StepId { get; init; }

    /// <summary>1-based line of the task block's opening fence in lab.md.</summary>
    public int Line { get; init; }

    /// <summary>The points the task is worth: the sum of its checks' points.</summary>
    public int Points => Checks.Sum(c => c.Points);
}
