namespace Labs.Data.Entities;

/// <summary>One press of Check on a task: the outcome of each of its checks and the points.</summary>
public sealed class CheckRun
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }

    /// <summary>The session it ran in.</summary>
    public required string SessionId { get; set; }

    /// <summary>The learner (kept here too, so progress survives the session rows' clean-up).</summary>
    public required string LearnerId { get; set; }

    /// <summary>The lab.</summary>
    public required string LabId { get; set; }

    /// <summary>The task that was checked.</summary>
    public required string TaskId { get; set; }

    /// <summary>When it ran.</summary>
    public DateTimeOffset RanAt { get; set; }

    /// <summary>Whether every check of the task passed.</summary>
    public bool Passed { get; set; }

    /// <summary>Points earned over all checks.</summary>
    public int PointsEarned { get; set; }

    /// <summary>Points there were to earn.</summary>
    public int PointsPossible { get; set; }

    /// <summary>Each check's outcome, in the task's order.</summary>
    public List<CheckOutcome> Outcomes { get; } = [];
}
