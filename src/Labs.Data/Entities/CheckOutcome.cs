namespace Labs.Data.Entities;

/// <summary>The outcome of one check of a task in a <see cref="CheckRun"/>.</summary>
public sealed class CheckOutcome
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }

    /// <summary>The run it belongs to.</summary>
    public long CheckRunId { get; set; }

    /// <summary>The check's position in its task, from 0.</summary>
    public int CheckIndex { get; set; }

    /// <summary>What the check looks at, as the lab describes it.</summary>
    public required string Description { get; set; }

    /// <summary>Whether it passed.</summary>
    public bool Passed { get; set; }

    /// <summary>Points earned.</summary>
    public int PointsEarned { get; set; }

    /// <summary>Points there were to earn.</summary>
    public int PointsPossible { get; set; }

    /// <summary>What was wrong (expected, found, why); null when it passed.</summary>
    public string? Message { get; set; }
}
