namespace Labs.Data.Entities;

/// <summary>A learner opened a hint or a solution of a task.</summary>
public sealed class Reveal
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }

    /// <summary>The learner.</summary>
    public required string LearnerId { get; set; }

    /// <summary>The session it happened in, when there was one.</summary>
    public string? SessionId { get; set; }

    /// <summary>The lab.</summary>
    public required string LabId { get; set; }

    /// <summary>The task.</summary>
    public required string TaskId { get; set; }

    /// <summary>A hint or the solution.</summary>
    public RevealKind Kind { get; set; }

    /// <summary>Which hint of the task, from 0 (0 for a solution).</summary>
    public int Index { get; set; }

    /// <summary>When.</summary>
    public DateTimeOffset RevealedAt { get; set; }
}
