namespace Labs.Data.Progress;

/// <summary>What a learner opened of one task.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="HintsShown">How many of its hints, counted from the first (they are opened in order).</param>
/// <param name="SolutionShown">Whether they opened its solution.</param>
public sealed record TaskReveals(string TaskId, int HintsShown, bool SolutionShown);
