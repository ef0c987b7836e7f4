namespace Labs.Grading;

/// <summary>The score of an exam attempt.</summary>
/// <param name="Earned">Sum of the weights of the passed tasks.</param>
/// <param name="Total">Sum of the weights of all tasks.</param>
/// <param name="Percent">Earned share of the total, rounded down, 0 to 100.</param>
/// <param name="Passed">Whether <paramref name="Percent"/> reaches the exam's pass mark.</param>
public sealed record ExamScore(int Earned, int Total, int Percent, bool Passed);
