using k8s;
using Labs.Kube;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Labs.Sessions;

/// <summary>
/// Starts and ends learner sessions. A session is a namespace of the learner's own with a budget (ResourceQuota and
/// LimitRange), a ServiceAccount bound to a Role limited to that namespace, a token for it, and a toolbox pod (in the
/// platform's system namespace, out of the learner's sight) whose kubeconfig carries that token. Everything goes
/// through KubernetesClient, so a real cluster and the embedded one are provisioned by the same code.
/// </summary>
public sealed partial class SessionManager
{
    private readonly IKubernetes _kube;
    private readonly KubeObjects _objects;
    private readonly IPodExec _exec;
    private readonly KubeEndpoint _endpoint;
    private readonly SessionRegistry _registry;
    private readonly LabSessionOptions _options;
    private readonly ILogger<SessionManager> _logger;
    private readonly TimeProvider _time;

    /// <summary>Creates the manager.</summary>
    /// <param name="kube">The client, for the kinds the platform knows.</param>
    /// <param name="objects">The generic client, for the objects of a lab's setup.</param>
    /// <param name="exec">Runs setup scripts in the toolbox.</param>
    /// <param name="endpoint">The API server learners' kubeconfigs point to unless <see cref="LabSessionOptions"/> says otherwise.</param>
    /// <param name="registry">The running sessions.</param>
    /// <param name="options">Provisioning settings.</param>
    /// <param name="logger">Logs starts, ends and failures.</param>
    /// <param name="time">The clock of session start times.</param>
    public SessionManager(
        IKubernetes kube, KubeObjects objects, IPodExec exec, KubeEndpoint endpoint, SessionRegistry registry,
        IOptions<LabSessionOptions> options, ILogger<SessionManager> logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _kube = kube;
        _objects = objects;
        _exec = exec;
        _endpoint = endpoint;
        _registry = registry;
        _options = options.Value;
        _logger = logger;
        _time = time;
    }

    /// <summary>
    /// Provisions a new session of <paramref name="ownerId"/> for a lab and returns it once its toolbox pod runs and
    /// the lab's <paramref name="setup"/> is done: its objects created in the learner's namespace, then its script run
    /// in the toolbox. On failure everything created so far is removed and a <see cref="SessionStartException"/> says
    /// which step failed; a learner who already has <see cref="LabSessionOptions.MaxLiveSessionsPerLearner"/> sessions
    /// gets a <see cref="SessionLimitException"/> before anything is created.
    /// </summary>
    public async Task<LabSession> StartAsync(string labId, string ownerId, LabSetup? setup = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        using var slot = _registry.TryReserve(ownerId, _options.MaxLiveSessionsPerLearner)
            ?? throw new SessionLimitException(_options.MaxLiveSessionsPerLearner, _registry.OwnedBy(ownerId));
        var session = await ProvisionAsync(labId, ownerId, setup, cancellationToken);
        slot.Commit(session);
        LogStarted(session.Id, labId, session.Namespace);
        return session;
    }

    /// <summary>Ends a session and deletes its namespace and toolbox; <c>false</c> when no such session runs.</summary>
    public async Task<bool> EndAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var session = _registry.Find(sessionId);
        if (session is null || !_registry.Remove(sessionId))
        {
            return false;
        }

        await CleanUpAsync(session.Namespace, session.ToolboxPod);
        LogEnded(sessionId);
        return true;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} ended")]
    private partial void LogEnded(string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete {What} while cleaning up")]
    private partial void LogCleanUpFailed(Exception exception, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId} for lab {LabId} failed to {Step}")]
    private partial void LogStartFailed(Exception exception, string sessionId, string labId, string step);
}
