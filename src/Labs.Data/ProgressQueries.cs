using Labs.Data.Entities;
using Labs.Data.Progress;
using Microsoft.EntityFrameworkCore;

namespace Labs.Data;

/// <summary>What instructors ask of the database: per-lab completion and per-learner progress.</summary>
public sealed class ProgressQueries(IDbContextFactory<LabsDbContext> contexts)
{
    /// <summary>
    /// How far learners got in a lab: who started it, who passed each of <paramref name="taskIds"/> (the lab's tasks,
    /// which the lab file knows and the database does not), and who passed them all.
    /// </summary>
    public async Task<LabCompletion> LabCompletionAsync(string labId, IReadOnlyList<string> taskIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskIds);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var attempts = await db.CheckRuns.Where(r => r.LabId == labId)
            .GroupBy(r => new { r.LearnerId, r.TaskId })
            .Select(g => new { g.Key.LearnerId, g.Key.TaskId, Passed = g.Any(r => r.Passed) })
            .ToListAsync(cancellationToken);
        var sessionLearners = await db.Sessions.Where(s => s.LabId == labId).Select(s => s.LearnerId).Distinct().ToListAsync(cancellationToken);

        var started = sessionLearners.Concat(attempts.Select(a => a.LearnerId)).Distinct(StringComparer.Ordinal).Count();
        var tasks = taskIds.Select(task => new TaskCompletion(
            task,
            attempts.Count(a => a.TaskId == task),
            attempts.Count(a => a.TaskId == task && a.Passed))).ToList();
        var completed = taskIds.Count == 0
            ? 0
            : attempts.Where(a => a.Passed && taskIds.Contains(a.TaskId)).GroupBy(a => a.LearnerId).Count(g => g.Select(a => a.TaskId).Distinct().Count() == taskIds.Distinct().Count());
        return new LabCompletion(labId, started, completed, tasks);
    }

    /// <summary>One learner's progress in every lab they worked on, and their exams.</summary>
    public async Task<LearnerProgress> LearnerProgressAsync(string learnerId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await db.CheckRuns.Where(r => r.LearnerId == learnerId)
            .Select(r => new { r.LabId, r.TaskId, r.Passed, r.PointsEarned, r.RanAt })
            .ToListAsync(cancellationToken);
        var reveals = await db.Reveals.Where(r => r.LearnerId == learnerId)
            .Select(r => new { r.LabId, r.TaskId, r.Kind, r.Index, r.RevealedAt })
            .ToListAsync(cancellationToken);
        var exams = await db.ExamAttempts.Where(a => a.LearnerId == learnerId)
            .Select(a => new ExamResult(a.ExamId, a.StartedAt, a.SubmittedAt, a.PointsEarned, a.PointsPossible, a.Passed))
            .ToListAsync(cancellationToken);

        var labs = runs.Select(r => r.LabId).Concat(reveals.Select(r => r.LabId)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(lab =>
            {
                var labRuns = runs.Where(r => r.LabId == lab).ToList();
                var labReveals = reveals.Where(r => r.LabId == lab).ToList();
                var times = labRuns.Select(r => r.RanAt).Concat(labReveals.Select(r => r.RevealedAt)).ToList();
                return new LabProgress(
                    lab,
                    [.. labRuns.Where(r => r.Passed).Select(r => r.TaskId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                    labRuns.Count,
                    labRuns.GroupBy(r => r.TaskId, StringComparer.Ordinal).Sum(g => g.Max(r => r.PointsEarned)),
                    // Distinct: two tabs opening the same hint at once, or two merged learners, count it once.
                    labReveals.Where(r => r.Kind == RevealKind.Hint).Select(r => (r.TaskId, r.Index)).Distinct().Count(),
                    labReveals.Where(r => r.Kind == RevealKind.Solution).Select(r => r.TaskId).Distinct(StringComparer.Ordinal).Count(),
                    times.Count == 0 ? null : times.Max());
            }).ToList();
        return new LearnerProgress(learnerId, labs, [.. exams.OrderBy(e => e.StartedAt)]);
    }

    /// <summary>What the learner opened in a lab, per task that has anything open, by task id.</summary>
    public async Task<IReadOnlyList<TaskReveals>> RevealsAsync(string learnerId, string labId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var reveals = await db.Reveals.Where(r => r.LearnerId == learnerId && r.LabId == labId)
            .Select(r => new { r.TaskId, r.Kind, r.Index })
            .ToListAsync(cancellationToken);
        return [.. reveals.GroupBy(r => r.TaskId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new TaskReveals(
            g.Key,
            g.Where(r => r.Kind == RevealKind.Hint).Select(r => r.Index + 1).DefaultIfEmpty(0).Max(),
            g.Any(r => r.Kind == RevealKind.Solution)))];
    }
}
