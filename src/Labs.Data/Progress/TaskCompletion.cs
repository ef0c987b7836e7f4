namespace Labs.Data.Progress;

/// <summary>How many learners tried and passed one task of a lab.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="LearnersAttempted">Learners who checked it at least once.</param>
/// <param name="LearnersPassed">Learners who passed it at least once.</param>
public sealed record TaskCompletion(string TaskId, int LearnersAttempted, int LearnersPassed);
