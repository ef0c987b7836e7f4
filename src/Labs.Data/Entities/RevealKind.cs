namespace Labs.Data.Entities;

/// <summary>What a learner chose to see. Stored as text.</summary>
public enum RevealKind
{
    /// <summary>A hint of a task.</summary>
    Hint = 0,

    /// <summary>A task's solution.</summary>
    Solution = 1,
}
