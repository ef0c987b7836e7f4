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
