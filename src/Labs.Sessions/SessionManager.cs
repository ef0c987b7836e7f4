using k8s;
using Labs.Data;
using Labs.Data.Entities;
using Labs.Kube;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Labs.Sessions;

/// <summary>
/// Starts, resets, extends and ends learner sessions. A session is a namespace of the learner's own with a budget
/// (ResourceQuota and LimitRange), a ServiceAccount bound to a Role limited to that namespace, a token for it, and a
/// toolbox pod (in the platform's system namespace, out of the learner's sight) whose kubeconfig carries that token.
/// Everything goes through KubernetesClient, so a real cluster and the embedded one are provisioned by the same code;
/// every change of a session's life is written to the database first, so sessions outlive a restart.
/// </summary>
public sealed partial class SessionManager
{
    private readonly IKubernetes _kube;
    private readonly KubeObjects _objects;
    private readonly IPodExec _exec;
    private readonly KubeEndpoint _endpoint;
    private readonly SessionRegistry _registry;
    private readonly SessionStore _store;
    private readonly LabSessionOptions _options;
    private readonly ILogger<SessionManager> _logger;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<ISessionPoolWarmer> _warmers;

    // Starts in progress per learner and lab: a second tab (or a double click) joins the start instead of making a
    // second namespace.
    private readonly Lock _startGate = new();
    private readonly Dictionary<(string Owner, string Lab), Task<LabSession>> _starting = [];

    private readonly SessionChanges _changing = new();

    /// <summary>Creates the manager.</summary>
    /// <param name="kube">The client, for the kinds the platform knows.</param>
    /// <param name="objects">The generic client, for the objects of a lab's setup.</param>
    /// <param name="exec">Runs setup scripts in the toolbox.</param>
    /// <param name="endpoint">The API server learners' kubeconfigs point to unless <see cref="LabSessionOptions"/> says otherwise.</param>
    /// <param name="registry">The running sessions.</param>
    /// <param name="database">The database that keeps sessions across restarts.</param>
    /// <param name="options">Provisioning and lifetime settings.</param>
    /// <param name="logger">Logs starts, ends and failures.</param>
    /// <param name="time">The clock of start times and expiry.</param>
    /// <param name="warmers">What readies a pooled environment further once provisioned (the terminal's first shell); none when null.</param>
    public SessionManager(
        IKubernetes kube, KubeObjects objects, IPodExec exec, KubeEndpoint endpoint, SessionRegistry registry,
        IDbContextFactory<LabsDbContext> database, IOptions<LabSessionOptions> options, ILogger<SessionManager> logger, TimeProvider time,
        IEnumerable<ISessionPoolWarmer>? warmers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _kube = kube;
        _objects = objects;
        _exec = exec;
        _endpoint = endpoint;
        _registry = registry;
        _store = new SessionStore(database);
        _options = options.Value;
        _logger = logger;
        _time = time;
        _warmers = [.. warmers ?? []];
    }

    /// <summary>
    /// The learner's live session of the lab: the one they have (or are starting in another tab), else a new one,
    /// returned once its toolbox pod runs and the lab's <paramref name="setup"/> is done (its objects created in the
    /// learner's namespace, then its script run in the toolbox). On failure everything created so far is removed and a
    /// <see cref="SessionStartException"/> says which step failed; a learner who already has
    /// <see cref="LabSessionOptions.MaxLiveSessionsPerLearner"/> sessions of other labs gets a
    /// <see cref="SessionLimitException"/> before anything is created.
    /// </summary>
    public async Task<SessionStartOutcome> StartOrResumeAsync(string labId, string ownerId, LabSetup? setup = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(labId);
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        var key = (ownerId, labId);
        Task<LabSession>? join = null;
        TaskCompletionSource<LabSession>? start = null;
        SessionSlot? slot = null;
        lock (_startGate)
        {
            if (_registry.FindLive(ownerId, labId) is { } live)
            {
                return new SessionStartOutcome(live, Resumed: true);
            }

            if (_starting.TryGetValue(key, out var running))
            {
                join = running;
            }
            else
            {
                slot = _registry.TryReserve(ownerId, _options.MaxLiveSessionsPerLearner)
                    ?? throw new SessionLimitException(_options.MaxLiveSessionsPerLearner, _registry.OwnedBy(ownerId));
                start = new TaskCompletionSource<LabSession>(TaskCreationOptions.RunContinuationsAsynchronously);
                _starting[key] = start.Task;
            }
        }

        if (join is not null)
        {
            return new SessionStartOutcome(await join, Resumed: true);
        }

        try
        {
            using (slot!)
            {
                var session = await StartNewAsync(labId, ownerId, setup, slot!, cancellationToken);
                start!.SetResult(session);
                return new SessionStartOutcome(session, Resumed: false);
            }
        }
        catch (Exception ex)
        {
            start!.SetException(ex);
            _ = start.Task.Exception; // Observed here: a start nobody joined must not surface as unobserved.
            throw;
        }
        finally
        {
            lock (_startGate)
            {
                _starting.Remove(key);
            }
        }
    }

    /// <summary>Like <see cref="StartOrResumeAsync"/>, returning only the session.</summary>
    public async Task<LabSession> StartAsync(string labId, string ownerId, LabSetup? setup = null, CancellationToken cancellationToken = default) =>
        (await StartOrResumeAsync(labId, ownerId, setup, cancellationToken)).Session;

    /// <summary>
    /// Ends a session and deletes its namespace and toolbox, recording why; <c>false</c> when no such session runs.
    /// </summary>
    public async Task<bool> EndAsync(string sessionId, CancellationToken cancellationToken = default) =>
        await EndAsync(sessionId, SessionEndReason.Finished, cancellationToken);

    /// <inheritdoc cref="EndAsync(string, CancellationToken)"/>
    public async Task<bool> EndAsync(string sessionId, SessionEndReason reason, CancellationToken cancellationToken = default)
    {
        var session = _registry.Find(sessionId);
        if (session is null || !_registry.Remove(sessionId))
        {
            return false;
        }

        var state = reason == SessionEndReason.Expired ? SessionState.Expired : SessionState.Finished;
        // Not cancellable: once out of the registry the session must be recorded as ended and cleaned up.
        await _store.SaveEndedAsync(sessionId, state, _time.GetUtcNow(), CancellationToken.None);
        await CleanUpAsync(session.Namespace, session.ToolboxPod);
        LogEnded(sessionId, reason);
        return true;
    }

    private async Task<LabSession> StartNewAsync(string labId, string ownerId, LabSetup? setup, SessionSlot slot, CancellationToken cancellationToken)
    {
        var lifetime = setup?.Lifetime ?? _options.DefaultLifetime;
        if (await TakePooledAsync(labId, ownerId, lifetime, cancellationToken) is { } pooled)
        {
            slot.Commit(pooled);
            LogStarted(pooled.Id, labId, pooled.Namespace);
            return pooled;
        }

        var id = SessionIds.New();
        var now = _time.GetUtcNow();
        var session = new LabSession(
            id, labId, SessionNames.Namespace(_options, id, 0), SessionNames.Toolbox(id, 0), ToolboxFiles.ShellCommand, now, _options.SystemNamespace, ownerId)
        {
            ExpiresAt = now + lifetime,
        };
        await _store.AddStartingAsync(session, cancellationToken);
        try
        {
            var tokenExpiresAt = await ProvisionAsync(session, setup, cancellationToken);
            // The lifetime counts from when the learner can use the session.
            var ready = _time.GetUtcNow();
            session = session with { ExpiresAt = ready + lifetime, TokenExpiresAt = tokenExpiresAt };
            await _store.SaveLiveAsync(session, ready, CancellationToken.None);
        }
        catch (Exception ex) when (ex is SessionStartException or OperationCanceledException)
        {
            await _store.SaveEndedAsync(id, SessionState.Failed, _time.GetUtcNow(), CancellationToken.None);
            throw;
        }

        slot.Commit(session);
        LogStarted(session.Id, labId, session.Namespace);
        return session;
    }

    private async Task CleanUpAsync(string ns, string toolbox)
    {
        // Best effort and not cancellable: a half-made session must not linger.
        var system = _options.SystemNamespace;
        foreach (var (what, delete) in new (string, Func<Task>)[]
                 {
                     ($"Pod {system}/{toolbox}", () => _kube.CoreV1.DeleteNamespacedPodAsync(toolbox, system, propagationPolicy: "Background")),
                     ($"Secret {system}/{toolbox}", () => _kube.CoreV1.DeleteNamespacedSecretAsync(toolbox, system, propagationPolicy: "Background")),
                     ($"Namespace {ns}", () => _kube.CoreV1.DeleteNamespaceAsync(ns, propagationPolicy: "Background")),
                     ($"ClusterRoleBinding {IsolationManifests.ViewName(ns)}", () => _kube.RbacAuthorizationV1.DeleteClusterRoleBindingAsync(IsolationManifests.ViewName(ns))),
                     ($"ClusterRole {IsolationManifests.ViewName(ns)}", () => _kube.RbacAuthorizationV1.DeleteClusterRoleAsync(IsolationManifests.ViewName(ns))),
                 })
        {
            try
            {
                await delete();
            }
            catch (Exception ex) when (ex.HasCode(System.Net.HttpStatusCode.NotFound))
            {
                // Never made, or gone already.
            }
            catch (Exception ex) when (ex.IsApiFailure() || ex is OperationCanceledException)
            {
                LogCleanUpFailed(ex, what);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} started for lab {LabId} in namespace {Namespace}")]
    private partial void LogStarted(string sessionId, string labId, string @namespace);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} ended ({Reason})")]
    private partial void LogEnded(string sessionId, SessionEndReason reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete {What} while cleaning up")]
    private partial void LogCleanUpFailed(Exception exception, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId} for lab {LabId} failed to {Step}")]
    private partial void LogStartFailed(Exception exception, string sessionId, string labId, string step);
}
