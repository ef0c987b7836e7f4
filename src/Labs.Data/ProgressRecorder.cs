using Labs.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Labs.Data;

/// <summary>Writes what learners do: check runs, reveals and exam attempts, creating the learner's row when needed.</summary>
public sealed class ProgressRecorder(IDbContextFactory<LabsDbContext> contexts, TimeProvider time)
{
    /// <summary>Stores a check run with its outcomes (their points summed into the run) and returns its id.</summary>
    public async Task<long> RecordCheckRunAsync(CheckRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await Learners.EnsureAsync(contexts, run.LearnerId, time.GetUtcNow(), cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (run.RanAt == default)
        {
            run.RanAt = time.GetUtcNow();
        }

        db.CheckRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run.Id;
    }

    /// <summary>Stores that a learner opened a hint or a solution.</summary>
    public async Task RecordRevealAsync(Reveal reveal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reveal);
        await Learners.EnsureAsync(contexts, reveal.LearnerId, time.GetUtcNow(), cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (reveal.RevealedAt == default)
        {
            reveal.RevealedAt = time.GetUtcNow();
        }

        db.Reveals.Add(reveal);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Opens the learner's next hint of a task (of <paramref name="hintCount"/>, in order) and returns its index; null
    /// when every hint is open already.
    /// </summary>
    public async Task<int?> RevealNextHintAsync(string learnerId, string? sessionId, string labId, string taskId, int hintCount, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var shown = await db.Reveals
            .Where(r => r.LearnerId == learnerId && r.LabId == labId && r.TaskId == taskId && r.Kind == RevealKind.Hint)
            .Select(r => (int?)r.Index).MaxAsync(cancellationToken);
        var next = (shown ?? -1) + 1;
        if (next >= hintCount)
        {
            return null;
        }

        await RecordRevealAsync(new Reveal { LearnerId = learnerId, SessionId = sessionId, LabId = labId, TaskId = taskId, Kind = RevealKind.Hint, Index = next }, cancellationToken);
        return next;
    }

    /// <summary>Opens a task's solution for the learner; false when it was open already (it is recorded once).</summary>
    public async Task<bool> RevealSolutionAsync(string learnerId, string? sessionId, string labId, string taskId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Reveals.AnyAsync(r => r.LearnerId == learnerId && r.LabId == labId && r.TaskId == taskId && r.Kind == RevealKind.Solution, cancellationToken))
        {
            return false;
        }

        await RecordRevealAsync(new Reveal { LearnerId = learnerId, SessionId = sessionId, LabId = labId, TaskId = taskId, Kind = RevealKind.Solution }, cancellationToken);
        return true;
    }

    /// <summary>Stores a new or updated exam attempt with its answers and returns its id.</summary>
    public async Task<long> SaveExamAttemptAsync(ExamAttempt attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        await Learners.EnsureAsync(contexts, attempt.LearnerId, time.GetUtcNow(), cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (attempt.Id == 0)
        {
            db.ExamAttempts.Add(attempt);
        }
        else
        {
            db.ExamAttempts.Update(attempt);
        }

        await db.SaveChangesAsync(cancellationToken);
        return attempt.Id;
    }
}
