using System.Net;
using k8s;
using k8s.Models;
using Labs.Data.Entities;
using Labs.Kube;
using Microsoft.Extensions.Logging;

namespace Labs.Sessions;

public sealed partial class SessionManager
{
    /// <summary>
    /// After a start of the platform (a restart or a crash), brings the cluster and the database into agreement: live
    /// sessions of the database whose namespace and toolbox are still there run on (the registry takes them back);
    /// expired ones, ones caught half-started, and ones whose environment is gone are ended; and every namespace,
    /// toolbox pod and toolbox secret the platform labelled that belongs to no live session is deleted, so nothing
    /// leaks. Returns how many sessions were taken back.
    /// </summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken = default)
    {
        var selector = LearnerManifests.SessionLabel;
        var system = _options.SystemNamespace;
        var namespaces = await _kube.CoreV1.ListNamespaceAsync(labelSelector: selector, cancellationToken: cancellationToken);
        var pods = await ListOrEmptyAsync(async () => (await _kube.CoreV1.ListNamespacedPodAsync(system, labelSelector: selector, cancellationToken: cancellationToken)).Items);
        var secrets = await ListOrEmptyAsync(async () => (await _kube.CoreV1.ListNamespacedSecretAsync(system, labelSelector: selector, cancellationToken: cancellationToken)).Items);
        // Filtered here too: only what carries the label is the platform's to reconcile, whatever the server's selector support.
        var labelled = namespaces.Items.Where(n => SessionOf(n.Metadata) is not null).ToList();
        pods = [.. pods.Where(p => SessionOf(p.Metadata) is not null)];
        secrets = [.. secrets.Where(s => SessionOf(s.Metadata) is not null)];
        var liveNamespaces = labelled.Where(n => n.Status?.Phase != "Terminating").Select(n => n.Name()).ToHashSet(StringComparer.Ordinal);
        var livePods = pods.Where(p => p.Metadata.DeletionTimestamp is null && p.Status?.Phase is "Running" or "Pending").Select(p => p.Name()).ToHashSet(StringComparer.Ordinal);

        var now = _time.GetUtcNow();
        var restored = 0;
        foreach (var record in await _store.UnfinishedAsync(cancellationToken))
        {
            var session = FromRecord(record);
            if (record.State == SessionState.Live && record.ExpiresAt > now && liveNamespaces.Contains(record.Namespace) && livePods.Contains(record.ToolboxPod))
            {
                _registry.Restore(session);
                restored++;
                continue;
            }

            var state = record.State == SessionState.Live && record.ExpiresAt <= now ? SessionState.Expired : SessionState.Failed;
            await _store.SaveEndedAsync(record.Id, state, now, CancellationToken.None);
            await CleanUpAsync(record.Namespace, record.ToolboxPod);
            LogNotRestored(record.Id, state);
        }

        // Whatever is labelled and not the current environment of a live session: leftovers of ended or forgotten
        // sessions, and of resets interrupted by a crash.
        var keep = _registry.All.SelectMany(s => new[] { s.Namespace, s.ToolboxPod }).ToHashSet(StringComparer.Ordinal);
        var orphans = 0;
        foreach (var ns in labelled.Where(n => !keep.Contains(n.Name()) && n.Status?.Phase != "Terminating"))
        {
            orphans += await DeleteOrphanAsync($"Namespace {ns.Name()}", () => _kube.CoreV1.DeleteNamespaceAsync(ns.Name(), propagationPolicy: "Background", cancellationToken: CancellationToken.None));
        }

        foreach (var pod in pods.Where(p => !keep.Contains(p.Name()) && p.Metadata.DeletionTimestamp is null))
        {
            orphans += await DeleteOrphanAsync($"Pod {system}/{pod.Name()}", () => _kube.CoreV1.DeleteNamespacedPodAsync(pod.Name(), system, propagationPolicy: "Background", cancellationToken: CancellationToken.None));
        }

        foreach (var secret in secrets.Where(s => !keep.Contains(s.Name())))
        {
            orphans += await DeleteOrphanAsync($"Secret {system}/{secret.Name()}", () => _kube.CoreV1.DeleteNamespacedSecretAsync(secret.Name(), system, cancellationToken: CancellationToken.None));
        }

        var rbac = _kube.RbacAuthorizationV1;
        var keepViews = _registry.All.Select(s => IsolationManifests.ViewName(s.Namespace)).ToHashSet(StringComparer.Ordinal);
        foreach (var binding in (await rbac.ListClusterRoleBindingAsync(labelSelector: selector, cancellationToken: cancellationToken)).Items
                     .Where(b => SessionOf(b.Metadata) is not null && !keepViews.Contains(b.Name())))
        {
            orphans += await DeleteOrphanAsync($"ClusterRoleBinding {binding.Name()}", () => rbac.DeleteClusterRoleBindingAsync(binding.Name(), cancellationToken: CancellationToken.None));
        }

        foreach (var role in (await rbac.ListClusterRoleAsync(labelSelector: selector, cancellationToken: cancellationToken)).Items
                     .Where(r => SessionOf(r.Metadata) is not null && !keepViews.Contains(r.Name())))
        {
            orphans += await DeleteOrphanAsync($"ClusterRole {role.Name()}", () => rbac.DeleteClusterRoleAsync(role.Name(), cancellationToken: CancellationToken.None));
        }

        LogReconciled(restored, orphans);
        return restored;
    }

    private static LabSession FromRecord(SessionRecord record) =>
        new(record.Id, record.LabId, record.Namespace, record.ToolboxPod, ToolboxFiles.ShellCommand, record.CreatedAt, record.ToolboxNamespace, record.LearnerId)
        {
            ExpiresAt = record.ExpiresAt,
            Resets = record.Resets,
        };

    private static string? SessionOf(V1ObjectMeta? metadata) =>
        metadata?.Labels is { } labels && labels.TryGetValue(LearnerManifests.SessionLabel, out var id) && id.Length > 0 ? id : null;

    private static async Task<IList<T>> ListOrEmptyAsync<T>(Func<Task<IList<T>>> list)
    {
        try
        {
            return await list();
        }
        catch (Exception ex) when (ex.HasCode(HttpStatusCode.NotFound))
        {
            return []; // No system namespace yet: no toolbox was ever made.
        }
    }

    private async Task<int> DeleteOrphanAsync(string what, Func<Task> delete)
    {
        try
        {
            await delete();
            LogOrphanDeleted(what);
            return 1;
        }
        catch (Exception ex) when (ex.HasCode(HttpStatusCode.NotFound))
        {
            return 0;
        }
        catch (Exception ex) when (ex.IsApiFailure() || ex is OperationCanceledException)
        {
            LogCleanUpFailed(ex, what);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} could not go on after the restart and was ended ({State})")]
    private partial void LogNotRestored(string sessionId, SessionState state);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Orphan} belonged to no live session and was deleted")]
    private partial void LogOrphanDeleted(string orphan);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sessions reconciled: {Restored} live sessions taken back, {Orphans} leftover objects deleted")]
    private partial void LogReconciled(int restored, int orphans);
}
