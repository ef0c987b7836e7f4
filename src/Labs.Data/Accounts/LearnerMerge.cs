using Microsoft.EntityFrameworkCore;

namespace Labs.Data.Accounts;

/// <summary>
/// Moves everything an anonymous learner did into an account's learner: sessions, check runs, reveals and exam
/// attempts, in one transaction, then removes the anonymous learner's row. Used when a learner who worked without an
/// account signs in to one they already had.
/// </summary>
public static class LearnerMerge
{
    /// <summary>Merges <paramref name="fromLearnerId"/> into <paramref name="intoLearnerId"/> and returns what moved.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="fromLearnerId"/> is an account's learner: accounts are never merged away.</exception>
    public static async Task<LearnerMergeResult> MergeAsync(
        IDbContextFactory<LabsDbContext> contexts, string fromLearnerId, string intoLearnerId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentException.ThrowIfNullOrEmpty(fromLearnerId);
        ArgumentException.ThrowIfNullOrEmpty(intoLearnerId);
        if (string.Equals(fromLearnerId, intoLearnerId, StringComparison.Ordinal))
        {
            return new LearnerMergeResult(0, 0, 0, 0);
        }

        await Learners.EnsureAsync(contexts, intoLearnerId, now, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Users.AnyAsync(u => u.Id == fromLearnerId, cancellationToken))
        {
            throw new InvalidOperationException($"Learner {fromLearnerId} has an account of their own; only an anonymous learner is merged into an account.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var sessions = await db.Sessions.Where(s => s.LearnerId == fromLearnerId).ExecuteUpdateAsync(u => u.SetProperty(s => s.LearnerId, intoLearnerId), cancellationToken);
        var runs = await db.CheckRuns.Where(r => r.LearnerId == fromLearnerId).ExecuteUpdateAsync(u => u.SetProperty(r => r.LearnerId, intoLearnerId), cancellationToken);
        var reveals = await db.Reveals.Where(r => r.LearnerId == fromLearnerId).ExecuteUpdateAsync(u => u.SetProperty(r => r.LearnerId, intoLearnerId), cancellationToken);
        var attempts = await db.ExamAttempts.Where(a => a.LearnerId == fromLearnerId).ExecuteUpdateAsync(u => u.SetProperty(a => a.LearnerId, intoLearnerId), cancellationToken);
        await db.Learners.Where(l => l.Id == fromLearnerId).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LearnerMergeResult(sessions, runs, reveals, attempts);
    }
}
