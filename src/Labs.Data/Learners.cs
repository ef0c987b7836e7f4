using Labs.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Labs.Data;

/// <summary>The learner rows every write needs first (their foreign keys point at them).</summary>
public static class Learners
{
    /// <summary>
    /// Adds the learner to <paramref name="db"/>'s changes when the database has no row for them yet, else marks them
    /// seen now; the caller saves.
    /// </summary>
    public static async Task TouchAsync(LabsDbContext db, string learnerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrEmpty(learnerId);
        var learner = db.Learners.Local.FirstOrDefault(l => l.Id == learnerId)
            ?? await db.Learners.FirstOrDefaultAsync(l => l.Id == learnerId, cancellationToken);
        if (learner is null)
        {
            db.Learners.Add(new Learner { Id = learnerId, CreatedAt = now, LastSeenAt = now });
        }
        else
        {
            learner.LastSeenAt = now;
        }
    }
}
