namespace Labs.Data.Progress;

/// <summary>One learner's progress in one lab.</summary>
/// <param name="LabId">The lab.</param>
/// <param name="TasksPassed">Tasks they passed at least once, by id, sorted.</param>
/// <param name="CheckRuns">How often they pressed Check.</param>
/// <param name="PointsEarned">The best run's points summed over tasks.</param>
/// <param name="HintsRevealed">Hints they opened.</param>
/// <param name="SolutionsRevealed">Solutions they opened.</param>
/// <param name="LastActivity">Their last check or reveal in the lab; null when there was none.</param>
public sealed record LabProgress(
    string LabId, IReadOnlyList<string> TasksPassed, int CheckRuns, int PointsEarned, int HintsRevealed, int SolutionsRevealed, DateTimeOffset? LastActivity);
