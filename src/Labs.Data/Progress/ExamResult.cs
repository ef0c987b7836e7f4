namespace Labs.Data.Progress;

/// <summary>One submitted or running exam attempt, as progress shows it.</summary>
/// <param name="ExamId">The exam.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="SubmittedAt">When it was submitted; null while it runs.</param>
/// <param name="PointsEarned">Points earned.</param>
/// <param name="PointsPossible">Points there were.</param>
/// <param name="Passed">Whether it passed; null until submitted.</param>
public sealed record ExamResult(string ExamId, DateTimeOffset StartedAt, DateTimeOffset? SubmittedAt, int PointsEarned, int PointsPossible, bool? Passed);
