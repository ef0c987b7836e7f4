namespace Labs.Data.Progress;

/// <summary>An instructor's view of one lab over all learners.</summary>
/// <param name="LabId">The lab.</param>
/// <param name="LearnersStarted">Learners who started a session of it or checked one of its tasks.</param>
/// <param name="LearnersCompleted">Learners who passed every task of it.</param>
/// <param name="Tasks">Per task, in the order asked for.</param>
public sealed record LabCompletion(string LabId, int LearnersStarted, int LearnersCompleted, IReadOnlyList<TaskCompletion> Tasks);
