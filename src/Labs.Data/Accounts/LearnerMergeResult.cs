namespace Labs.Data.Accounts;

/// <summary>What a <see cref="LearnerMerge"/> moved.</summary>
/// <param name="Sessions">Session rows, live and past.</param>
/// <param name="CheckRuns">Check runs.</param>
/// <param name="Reveals">Hint and solution reveals.</param>
/// <param name="ExamAttempts">Exam attempts.</param>
public sealed record LearnerMergeResult(int Sessions, int CheckRuns, int Reveals, int ExamAttempts);
