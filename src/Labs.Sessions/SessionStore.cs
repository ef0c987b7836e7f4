using Labs.Data;
using Labs.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Labs.Sessions;

/// <summary>
/// The sessions as the database keeps them: every change of a session's life is written here first, so that after a
/// restart or a crash the platform knows which namespaces are learners' live sessions and which are leftovers.
/// </summary>
internal sealed class SessionStore(IDbContextFactory<LabsDbContext> contexts)
{
    /// <summary>Records a session whose provisioning begins (state Starting), creating its learner's row when needed.</summary>
    public async Task AddStartingAsync(LabSession session, CancellationToken cancellationToken)
    {
        await Learners.EnsureAsync(contexts, session.OwnerId, session.CreatedAt, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Sessions.Add(new SessionRecord
        {
            Id = session.Id,
            LearnerId = session.OwnerId,
            LabId = session.LabId,
            Namespace = session.Namespace,
            ToolboxPod = session.ToolboxPod,
            ToolboxNamespace = session.ToolboxNamespace,
            State = SessionState.Starting,
            CreatedAt = session.CreatedAt,
            ExpiresAt = session.ExpiresAt,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Marks the session live with its namespace, toolbox, resets and expiry as <paramref name="session"/> has them.</summary>
    public Task SaveLiveAsync(LabSession session, DateTimeOffset? startedAt, CancellationToken cancellationToken) =>
        UpdateAsync(session.Id, record =>
        {
            record.State = SessionState.Live;
            record.Namespace = session.Namespace;
            record.ToolboxPod = session.ToolboxPod;
            record.Resets = session.Resets;
            record.ExpiresAt = session.ExpiresAt;
            record.StartedAt ??= startedAt;
        }, cancellationToken);

    /// <summary>Marks the session ended (finished, expired or failed).</summary>
    public Task SaveEndedAsync(string sessionId, SessionState state, DateTimeOffset endedAt, CancellationToken cancellationToken) =>
        UpdateAsync(sessionId, record =>
        {
            record.State = state;
            record.EndedAt = endedAt;
        }, cancellationToken);

    /// <summary>The sessions that were starting or live when the platform last stopped.</summary>
    public async Task<IReadOnlyList<SessionRecord>> UnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Sessions.AsNoTracking()
            .Where(s => s.State == SessionState.Starting || s.State == SessionState.Live)
            .ToListAsync(cancellationToken);
    }

    private async Task UpdateAsync(string sessionId, Action<SessionRecord> change, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken)
            ?? throw new InvalidOperationException($"Session {sessionId} is not in the database.");
        change(record);
        await db.SaveChangesAsync(cancellationToken);
    }
}
