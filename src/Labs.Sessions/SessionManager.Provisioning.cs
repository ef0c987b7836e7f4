using System.Net;
using System.Text;
using k8s;
using Labs.Kube;

namespace Labs.Sessions;

public sealed partial class SessionManager
{
    /// <summary>
    /// Makes the session's namespace (with its budget, network policy, RBAC, cluster views and the lab's setup objects)
    /// and toolbox, waits for the toolbox to run, writes the learner's token into it and runs the lab's setup script;
    /// on failure removes what it made. Returns when the token expires.
    /// </summary>
    private async Task<DateTimeOffset> ProvisionAsync(LabSession session, LabSetup? setup, CancellationToken cancellationToken, bool pooled = false)
    {
        var (id, labId, ns, toolbox) = (session.Id, session.LabId, session.Namespace, session.ToolboxPod);
        var system = _options.SystemNamespace;
        var budget = setup?.Budget ?? SessionBudgets.Default;
        var views = setup?.ClusterViews ?? [];
        var core = _kube.CoreV1;
        var rbac = _kube.RbacAuthorizationV1;
        var manager = KubeClients.FieldManager;
        var step = "create the system namespace";
        try
        {
            await EnsureNamespaceAsync(system, cancellationToken);
            step = $"create namespace {ns}";
            await core.CreateNamespaceAsync(LearnerManifests.Namespace(ns, id, labId, pooled), fieldManager: manager, cancellationToken: cancellationToken);

            // The budget comes before anything else in the namespace, so that setup objects and everything the learner
            // does are counted and limited.
            step = $"apply the {budget.Name} budget";
            await core.CreateNamespacedResourceQuotaAsync(BudgetManifests.ResourceQuota(ns, budget), ns, fieldManager: manager, cancellationToken: cancellationToken);
            await core.CreateNamespacedLimitRangeAsync(BudgetManifests.LimitRange(ns, budget), ns, fieldManager: manager, cancellationToken: cancellationToken);
            step = "create the network policy that keeps other namespaces out";
            await _kube.NetworkingV1.CreateNamespacedNetworkPolicyAsync(IsolationManifests.NetworkPolicy(ns, system, id), ns, fieldManager: manager, cancellationToken: cancellationToken);
            step = "create the learner's ServiceAccount";
            await core.CreateNamespacedServiceAccountAsync(LearnerManifests.ServiceAccount(ns), ns, fieldManager: manager, cancellationToken: cancellationToken);
            step = "create the learner's Role";
            await rbac.CreateNamespacedRoleAsync(LearnerManifests.Role(ns), ns, fieldManager: manager, cancellationToken: cancellationToken);
            step = "create the learner's RoleBinding";
            await rbac.CreateNamespacedRoleBindingAsync(LearnerManifests.RoleBinding(ns), ns, fieldManager: manager, cancellationToken: cancellationToken);
            if (views.Count > 0)
            {
                step = $"grant the lab's cluster views ({string.Join(", ", views)})";
                await rbac.CreateClusterRoleAsync(IsolationManifests.ViewRole(ns, id, views), fieldManager: manager, cancellationToken: cancellationToken);
                await rbac.CreateClusterRoleBindingAsync(IsolationManifests.ViewBinding(ns, id), fieldManager: manager, cancellationToken: cancellationToken);
            }

            foreach (var setupObject in (setup ?? LabSetup.None).Objects)
            {
                step = $"create the lab's {setupObject.Manifest["kind"]} {setupObject.Manifest["metadata"]?["name"]} ({setupObject.Source})";
                await CreateSetupObjectAsync(setupObject, ns, cancellationToken);
            }

            step = "create the toolbox secret";
            await core.CreateNamespacedSecretAsync(
                LearnerManifests.ToolboxSecret(system, toolbox, id, ToolboxFiles.Bashrc(ns), ToolboxCa), system, fieldManager: manager, cancellationToken: cancellationToken);
            step = "create the toolbox pod";
            await core.CreateNamespacedPodAsync(
                LearnerManifests.ToolboxPod(system, ns, toolbox, id, toolbox, _options.ToolboxImage, budget, ToolboxEnvironment()), system, fieldManager: manager, cancellationToken: cancellationToken);
            step = "wait for the toolbox pod to run";
            await WaitForRunningAsync(toolbox, cancellationToken);
            step = "give the learner a token";
            var tokenExpiresAt = await IssueTokenAsync(ns, toolbox, cancellationToken);
            if (setup?.Tools is { Count: > 0 } tools)
            {
                step = $"check the toolbox has the lab's tools ({string.Join(", ", tools)})";
                await CheckToolsAsync(toolbox, tools, cancellationToken);
            }

            if (setup?.Files is { Count: > 0 } files)
            {
                step = "copy the lab's files into the learner's home";
                await RunSetupScriptAsync(toolbox, HomeFilesScript.For(files), "copying its files into the home", cancellationToken);
            }

            if (setup?.Script is { } script)
            {
                step = "run the lab's setup script";
                await RunSetupScriptAsync(toolbox, script, "its setup script", cancellationToken);
            }

            return tokenExpiresAt;
        }
        catch (Exception ex) when (ex.IsApiFailure() || ex is TimeoutException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogStartFailed(ex, id, labId, step);
            await CleanUpAsync(ns, toolbox);
            var why = ex is OperationCanceledException ? "the cluster did not answer in time" : ex.Describe();
            throw new SessionStartException($"Could not start the lab: failed to {step}: {why}", ex);
        }
        catch (Exception ex) when (ex is SessionStartException or OperationCanceledException)
        {
            await CleanUpAsync(ns, toolbox);
            throw;
        }
    }

    private async Task CreateSetupObjectAsync(LabSetupObject setupObject, string ns, CancellationToken cancellationToken)
    {
        KubeResource resource;
        try
        {
            resource = await _objects.ResolveAsync(setupObject.Manifest, cancellationToken);
        }
        catch (UnknownKindException ex)
        {
            throw new SessionStartException($"Could not start the lab: {setupObject.Source}: {ex.Message}.", ex);
        }

        if (!resource.Namespaced)
        {
            throw new SessionStartException(
                $"Could not start the lab: {setupObject.Source}: {resource.Kind} is cluster-scoped; a lab's setup may only hold objects of the learner's namespace.");
        }

        await _objects.CreateNamespacedAsync(setupObject.Manifest, ns, cancellationToken);
    }

    private async Task EnsureNamespaceAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await _kube.CoreV1.ReadNamespaceAsync(name, cancellationToken: cancellationToken);
            return;
        }
        catch (Exception ex) when (ex.HasCode(HttpStatusCode.NotFound))
        {
            // Made below.
        }

        try
        {
            await _kube.CoreV1.CreateNamespaceAsync(LearnerManifests.Namespace(name, null, null), fieldManager: KubeClients.FieldManager, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex.HasCode(HttpStatusCode.Conflict))
        {
            // Another session created it first.
        }
    }

    private async Task WaitForRunningAsync(string pod, CancellationToken cancellationToken)
    {
        string? phase = null;
        try
        {
            await _kube.WaitForPodAsync(_options.SystemNamespace, pod, current =>
            {
                phase = current.Status?.Phase;
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

    private async Task CheckToolsAsync(string toolbox, IReadOnlyList<string> tools, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await RunInToolboxAsync(toolbox, RequiredToolsScript.For(tools), cancellationToken);
        if (exitCode == RequiredToolsScript.MissingExitCode)
        {
            var missing = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            throw new SessionStartException(
                $"Could not start the lab: it needs {string.Join(", ", missing)}, which the toolbox does not have " +
                $"(image {_options.ToolboxImage}, Sessions:ToolboxImage; on the embedded cluster, the host's PATH).");
        }

        if (exitCode != 0)
            throw new SessionStartException($"Could not start the lab: checking the toolbox for {string.Join(", ", tools)} exited with code {exitCode}: {Tail(output)}");
    }

    private async Task RunSetupScriptAsync(string toolbox, string script, string what, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await RunInToolboxAsync(toolbox, script, cancellationToken);
        if (exitCode != 0)
        {
            throw new SessionStartException($"Could not start the lab: {what} exited with code {exitCode}: {Tail(output)}");
        }
    }

    private static string Tail(string output) => string.Join('\n', output.TrimEnd().Split('\n').TakeLast(5));

    /// <summary>Runs a script with <c>bash -s</c> in the learner's home in the toolbox; its exit code and the tail of its output.</summary>
    private async Task<(int ExitCode, string Output)> RunInToolboxAsync(string toolbox, string script, CancellationToken cancellationToken)
    {
        await using var exec = await _exec.StartAsync(
            new ExecRequest(_options.SystemNamespace, toolbox, ToolboxCommands.Script, Tty: false, Stdin: true), cancellationToken);
        await exec.WriteStdinAsync(Encoding.UTF8.GetBytes(script), cancellationToken);
        // bash -s reads the script until end of input: without closing stdin it would wait for more forever.
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

        return (await exec.Completion, output.ToString());
    }
}
