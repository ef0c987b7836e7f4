using Labs.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Labs.Data;

/// <summary>The learner rows every write needs first (their foreign keys point at them).</summary>
public static class Learners
{
    /// <summary>
    /// Makes sure the learner has a row, marked seen <paramref name="now"/>. Safe when two requests of a new learner
    /// (two tabs, two labs) get here at once: the one whose insert loses finds the other's row.
    /// </summary>
    public static async Task EnsureAsync(IDbContextFactory<LabsDbContext> contexts, string learnerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentException.ThrowIfNullOrEmpty(learnerId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Learners.Where(l => l.Id == learnerId).ExecuteUpdateAsync(u => u.SetProperty(l => l.LastSeenAt, now), cancellationToken) > 0)
        {
            return;
        }

        db.Learners.Add(new Learner { Id = learnerId, CreatedAt = now, LastSeenAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request inserted them first; anything else is a real failure.
            if (!await ExistsAsync(contexts, learnerId, cancellationToken))
            {
                throw;
            }
        }
    }

    private static async Task<bool> ExistsAsync(IDbContextFactory<LabsDbContext> contexts, string learnerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Learners.AnyAsync(l => l.Id == learnerId, cancellationToken);
    }
}
