namespace Labs.Content;

/// <summary>The validated front matter of a lab.md.</summary>
internal sealed record FrontMatter(
    string Id,
    string Title,
    string Summary,
    LabDifficulty Difficulty,
    TimeSpan Duration,
    IReadOnlyList<string> Tags,
    LabKind Kind,
    ExamSettings? Exam,
    LabBudget Budget,
    IReadOnlyList<string> Tools,
    TimeSpan? Expiry = null,
    IReadOnlyList<string>? ClusterViews = null);
