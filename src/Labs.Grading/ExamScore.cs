namespace Labs.Grading;

/// <summary>The score of an exam attempt (or of a whole lesson).</summary>
/// <param name="Earned">Points earned over every check that passed (partial credit per check).</param>
/// <param name="Total">Points of the whole lab.</param>
/// <param name="Percent">Earned share of the total, rounded down, 0 to 100.</param>
/// <param name="PassMark">The percentage needed to pass: the exam's pass mark, 100 for lessons.</param>
/// <param name="Passed">Whether <paramref name="Percent"/> reaches <paramref name="PassMark"/>.</param>
/// <param name="Tasks">Every task's result, in lesson order; a task without a result counts as earning nothing.</param>
public sealed record ExamScore(int Earned, int Total, int Percent, int PassMark, bool Passed, IReadOnlyList<TaskResult> Tasks);
