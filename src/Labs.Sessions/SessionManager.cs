using System.Text;
using System.Text.Json.Nodes;
using Labs.Kube;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Labs.Sessions;

/// <summary>
/// Starts and ends learner sessions. A session is a namespace of the learner's own with a budget (ResourceQuota and
/// LimitRange), a ServiceAccount bound to a Role limited to that namespace, a token for it, and a toolbox pod (in the platform's system namespace, out of the
/// learner's sight) whose kubeconfig carries that token. Everything goes through the Kubernetes API, so a real
/// cluster and the embedded one are provisioned by the same code.
/// </summary>
public sealed class SessionManager
{
    private readonly IKubeClient _kube;
    private readonly SessionRegistry _registry;
    private readonly LabSessionOptions _options;
    private readonly ILogger<SessionManager> _logger;
    private readonly TimeProvider _time;

    /// <summary>Creates the manager.</summary>
    public SessionManager(IKubeClient kube, SessionRegistry registry, IOptions<LabSessionOptions> options, ILogger<SessionManager> logger, TimeProvider time)
    {
        _kube = kube;
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
        _logger.LogInformation("Session {SessionId} started for lab {LabId} in namespace {Namespace}", session.Id, labId, session.Namespace);
        return session;
    }

    private async Task<LabSession> ProvisionAsync(string labId, string ownerId, LabSetup? setup, CancellationToken cancellationToken)
    {
        var id = SessionIds.New();
        var ns = _options.NamespacePrefix + id;
        var toolbox = $"toolbox-{id}";
        var budget = setup?.Budget ?? SessionBudgets.Default;
        var step = "create the system namespace";
        try
        {
            await EnsureNamespaceAsync(_options.SystemNamespace, cancellationToken);
            step = $"create namespace {ns}";
            await _kube.CreateAsync(ResourceType.Namespaces, null, LearnerManifests.Namespace(ns, id, labId), cancellationToken);
            step = $"apply the {budget.Name} budget";
            await ApplyBudgetAsync(ns, budget, cancellationToken);
            step = "create the learner's ServiceAccount";
            await _kube.CreateAsync(ResourceType.ServiceAccounts, ns, LearnerManifests.ServiceAccount(ns), cancellationToken);
            step = "create the learner's Role";
            await _kube.CreateAsync(ResourceType.Roles, ns, LearnerManifests.Role(ns), cancellationToken);
            step = "create the learner's RoleBinding";
            await _kube.CreateAsync(ResourceType.RoleBindings, ns, LearnerManifests.RoleBinding(ns), cancellationToken);
            foreach (var setupObject in (setup ?? LabSetup.None).Objects)
            {
                var type = KindResources.Resolve(setupObject["apiVersion"]!.GetValue<string>(), setupObject["kind"]!.GetValue<string>());
                step = $"create the lab's {type.Kind} {setupObject["metadata"]?["name"]}";
                if (!type.Namespaced)
                {
                    throw new SessionStartException($"Could not start the lab: {type.Kind} is cluster-scoped; a lab's setup may only hold objects of the learner's namespace.");
                }

                await _kube.CreateAsync(type, ns, setupObject.DeepClone().AsObject(), cancellationToken);
            }

            step = "request a token for the learner";
            var token = await RequestTokenAsync(ns, cancellationToken);
            step = "create the toolbox secret";
            var server = _options.ToolboxServer ?? new Uri("https://kubernetes.default.svc");
            var kubeconfig = ToolboxFiles.Kubeconfig(server, _options.ToolboxCertificateAuthorityPem, token, ns);
            await _kube.CreateAsync(
                ResourceType.Secrets,
                _options.SystemNamespace,
                LearnerManifests.ToolboxSecret(_options.SystemNamespace, toolbox, id, kubeconfig, ToolboxFiles.Bashrc(ns)),
                cancellationToken);
            step = "create the toolbox pod";
            await _kube.CreateAsync(
                ResourceType.Pods,
                _options.SystemNamespace,
                LearnerManifests.ToolboxPod(_options.SystemNamespace, toolbox, id, toolbox, _options.ToolboxImage, budget),
                cancellationToken);
            step = "wait for the toolbox pod to run";
            await WaitForRunningAsync(toolbox, cancellationToken);
            if (setup?.Script is { } script)
            {
                step = "run the lab's setup script";
                await RunSetupScriptAsync(toolbox, script, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is KubeApiException or TimeoutException or HttpRequestException)
        {
            _logger.LogWarning(ex, "Session {SessionId} for lab {LabId} failed to {Step}", id, labId, step);
            await CleanUpAsync(ns, toolbox);
            throw new SessionStartException($"Could not start the lab: failed to {step}: {ex.Message}", ex);
        }
        catch (SessionStartException)
        {
            await CleanUpAsync(ns, toolbox);
            throw;
        }
        catch (OperationCanceledException)
        {
            await CleanUpAsync(ns, toolbox);
            throw;
        }

        return new LabSession(id, labId, ns, toolbox, ToolboxFiles.ShellCommand, _time.GetUtcNow(), _options.SystemNamespace, ownerId);
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
        _logger.LogInformation("Session {SessionId} ended", sessionId);
        return true;
    }

    private async Task EnsureNamespaceAsync(string name, CancellationToken cancellationToken)
    {
        if (await _kube.GetAsync(ResourceType.Namespaces, null, name, cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await _kube.CreateAsync(ResourceType.Namespaces, null, LearnerManifests.Namespace(name, null, null), cancellationToken);
        }
        catch (KubeApiException ex) when (ex.Code == 409)
        {
            // Another session created it first.
        }
    }

    /// <summary>
    /// The budget's ResourceQuota and LimitRange (both <see cref="SessionBudgets.ObjectName"/>), before anything else is
    /// created in the namespace, so that setup objects and everything the learner does are counted and limited.
    /// </summary>
    private async Task ApplyBudgetAsync(string ns, SessionBudget budget, CancellationToken cancellationToken)
    {
        await _kube.CreateAsync(BudgetManifests.ResourceQuotas, ns, BudgetManifests.ResourceQuota(ns, budget), cancellationToken);
        await _kube.CreateAsync(BudgetManifests.LimitRanges, ns, BudgetManifests.LimitRange(ns, budget), cancellationToken);
    }

    private async Task<string> RequestTokenAsync(string ns, CancellationToken cancellationToken)
    {
        var response = await _kube.CreateSubresourceAsync(
            ResourceType.ServiceAccounts, ns, LearnerManifests.LearnerName, "token",
            LearnerManifests.TokenRequest(_options.TokenExpirationSeconds), cancellationToken);
        return response["status"]?["token"]?.GetValue<string>()
            ?? throw new SessionStartException("The API server answered the token request without status.token.");
    }

    private async Task WaitForRunningAsync(string pod, CancellationToken cancellationToken)
    {
        string? phase = null;
        try
        {
            await _kube.WaitForAsync(ResourceType.Pods, _options.SystemNamespace, pod, current =>
            {
                phase = current["status"]?["phase"]?.GetValue<string>();
                return phase is "Running" or "Failed" or "Succeeded";
            }, _options.ToolboxReadyTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"toolbox pod {_options.SystemNamespace}/{pod} was not Running after {_options.ToolboxReadyTimeout.TotalSeconds:0} s (phase: {phase ?? "none"})");
        }

        if (phase != "Running")
        {
            throw new TimeoutException($"toolbox pod {_options.SystemNamespace}/{pod} ended ({phase}) before it could be used");
        }
    }

    private async Task RunSetupScriptAsync(string toolbox, string script, CancellationToken cancellationToken)
    {
        await using var exec = await _kube.ExecAsync(
            new ExecRequest(_options.SystemNamespace, toolbox, ["bash", "-s"], Tty: false, Stdin: true), cancellationToken);
        await exec.WriteStdinAsync(Encoding.UTF8.GetBytes(script), cancellationToken);
        await exec.CloseStdinAsync(cancellationToken);
        var output = new StringBuilder();
        await foreach (var chunk in exec.ReadOutputAsync(cancellationToken))
        {
            // Keep the tail: that is where a failing script says why.
            output.Append(Encoding.UTF8.GetString(chunk.Data.Span));
            if (output.Length > 8192)
            {
                output.Remove(0, output.Length - 4096);
            }
        }

        var exitCode = await exec.Completion;
        if (exitCode != 0)
        {
            var tail = string.Join('\n', output.ToString().TrimEnd().Split('\n').TakeLast(5));
            throw new SessionStartException($"Could not start the lab: its setup script exited with code {exitCode}: {tail}");
        }
    }

    private async Task CleanUpAsync(string ns, string toolbox)
    {
        // Best effort and not cancellable: a half-made session must not linger.
        foreach (var (type, space, name) in new (ResourceType, string?, string)[]
                 {
                     (ResourceType.Pods, _options.SystemNamespace, toolbox),
                     (ResourceType.Secrets, _options.SystemNamespace, toolbox),
                     (ResourceType.Namespaces, null, ns),
                 })
        {
            try
            {
                await _kube.DeleteAsync(type, space, name, CancellationToken.None);
            }
            catch (Exception ex) when (ex is KubeApiException or HttpRequestException)
            {
                _logger.LogWarning(ex, "Could not delete {Kind} {Name} while cleaning up", type.Kind, name);
            }
        }
    }
}
