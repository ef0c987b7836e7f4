using System.Collections.Concurrent;
using Labs.Kube;
using Microsoft.Extensions.Logging;

namespace Labs.Sessions;

public sealed partial class SessionManager : IDisposable
{
    private readonly ConcurrentDictionary<string, PooledLab> _pools = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _poolWanted = new(0);

    /// <summary>
    /// Keeps <paramref name="size"/> environments of the lab provisioned ahead (namespace, budget, isolation, RBAC,
    /// toolbox, and the lab's setup from <paramref name="setup"/>), so that a start only hands one over. The pool is
    /// filled in the background (<see cref="FillPoolsAsync"/>); 0 turns it off.
    /// </summary>
    public void ConfigurePool(string labId, int size, Func<CancellationToken, Task<LabSetup>> setup)
    {
        ArgumentException.ThrowIfNullOrEmpty(labId);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        _pools[labId] = new PooledLab(size, setup);
        _poolWanted.Release();
    }

    /// <inheritdoc />
    public void Dispose() => _poolWanted.Dispose();

    /// <summary>How many environments of the lab are ready in the pool.</summary>
    public int PooledCount(string labId) => _pools.TryGetValue(labId, out var pool) ? pool.Ready.Count : 0;

    /// <summary>Provisions environments until every lab's pool is full, one at a time; returns how many were made.</summary>
    public async Task<int> FillPoolsAsync(CancellationToken cancellationToken = default)
    {
        var made = 0;
        foreach (var (labId, pool) in _pools)
        {
            while (pool.Ready.Count < pool.Size && _pools.TryGetValue(labId, out var current) && ReferenceEquals(current, pool))
            {
                var id = SessionIds.New();
                var session = new LabSession(
                    id, labId, SessionNames.Namespace(_options, id, 0), SessionNames.Toolbox(id, 0), ToolboxFiles.ShellCommand, _time.GetUtcNow(), _options.SystemNamespace, string.Empty);
                var setup = await pool.Setup(cancellationToken);
                var tokenExpiresAt = await ProvisionAsync(session, setup, cancellationToken, pooled: true);
                session = session with { TokenExpiresAt = tokenExpiresAt };
                await WarmAsync(session, cancellationToken);
                pool.Ready.Enqueue(session);
                made++;
            }
        }

        return made;
    }

    private async Task WarmAsync(LabSession session, CancellationToken cancellationToken)
    {
        foreach (var warmer in _warmers)
        {
            try
            {
                await warmer.WarmAsync(session, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Only a head start is lost: the learner's terminal starts its shell itself.
                LogWarmUpFailed(ex, session.Id);
            }
        }
    }

    /// <summary>Waits until a pool wants filling (configured, or one of its environments handed over).</summary>
    internal Task WaitForPoolDemandAsync(CancellationToken cancellationToken) => _poolWanted.WaitAsync(cancellationToken);

    /// <summary>
    /// Hands a pooled environment of the lab to <paramref name="ownerId"/>: recorded, given a fresh token when its own
    /// is past the point where a live session's would be renewed (it may have waited long), live. Null when the pool is empty or the environment no longer works (it is then removed).
    /// </summary>
    private async Task<LabSession?> TakePooledAsync(string labId, string ownerId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        if (!_pools.TryGetValue(labId, out var pool) || !pool.Ready.TryDequeue(out var pooled))
        {
            return null;
        }

        _poolWanted.Release();
        var now = _time.GetUtcNow();
        var session = pooled with { OwnerId = ownerId, CreatedAt = now, ExpiresAt = now + lifetime };
        await _store.AddStartingAsync(session, cancellationToken);
        try
        {
            if (session.TokenExpiresAt - TimeSpan.FromSeconds(_options.TokenExpirationSeconds / 3.0) <= now)
            {
                session = session with { TokenExpiresAt = await IssueTokenAsync(session.Namespace, session.ToolboxPod, cancellationToken) };
            }
        }
        catch (Exception ex) when (ex.IsApiFailure() || ex is SessionStartException)
        {
            LogPooledBroken(ex, session.Id);
            await _store.SaveEndedAsync(session.Id, Data.Entities.SessionState.Failed, now, CancellationToken.None);
            await CleanUpAsync(session.Namespace, session.ToolboxPod);
            return null;
        }

        await _store.SaveLiveAsync(session, now, CancellationToken.None);
        return session;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pooled environment {SessionId} could not be warmed up; it is pooled as provisioned")]
    private partial void LogWarmUpFailed(Exception exception, string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pooled environment {SessionId} no longer works and was removed; starting the learner's from scratch")]
    private partial void LogPooledBroken(Exception exception, string sessionId);
}
