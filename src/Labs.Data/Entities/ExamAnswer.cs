namespace Labs.Data.Entities;

/// <summary>The answer to one question (or the state of one task) of an <see cref="ExamAttempt"/>, with its points.</summary>
public sealed class ExamAnswer
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }

    /// <summary>The attempt it belongs to.</summary>
    public long ExamAttemptId { get; set; }

    /// <summary>The question's or task's id.</summary>
    public required string QuestionId { get; set; }

    /// <summary>What the learner answered (text; for a task, what grading found); null when unanswered.</summary>
    public string? Answer { get; set; }

    /// <summary>Points earned.</summary>
    public int PointsEarned { get; set; }

    /// <summary>Points there were to earn.</summary>
    public int PointsPossible { get; set; }
}
