namespace Labs.Data.Progress;

/// <summary>Everything one learner did: per lab, and their exam attempts.</summary>
/// <param name="LearnerId">The learner.</param>
/// <param name="Labs">Per lab they worked on, by lab id.</param>
/// <param name="Exams">Their exam attempts, oldest first.</param>
public sealed record LearnerProgress(string LearnerId, IReadOnlyList<LabProgress> Labs, IReadOnlyList<ExamResult> Exams);
