namespace Labs.Data.Entities;

/// <summary>A learner's attempt at an exam, with their answers and its score once submitted.</summary>
public sealed class ExamAttempt
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }

    /// <summary>The learner.</summary>
    public required string LearnerId { get; set; }

    /// <summary>The exam (a lab of kind exam).</summary>
    public required string ExamId { get; set; }

    /// <summary>The session the exam ran in, when there was one.</summary>
    public string? SessionId { get; set; }

    /// <summary>When it started.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When it was submitted; null while it runs.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>Points earned (set on submission).</summary>
    public int PointsEarned { get; set; }

    /// <summary>Points there were to earn.</summary>
    public int PointsPossible { get; set; }

    /// <summary>Whether it reached the exam's pass mark; null until submitted.</summary>
    public bool? Passed { get; set; }

    /// <summary>One answer per question or task.</summary>
    public List<ExamAnswer> Answers { get; } = [];
}
