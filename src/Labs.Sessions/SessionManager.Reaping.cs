using k8s;
using Microsoft.Extensions.Logging;

namespace Labs.Sessions;

public sealed partial class SessionManager
{
    /// <summary>
    /// Removes the namespaces, toolbox pods and secrets of sessions this platform does not know (they outlived a
    /// restart: the cluster keeps its objects, the platform's session list does not yet), so nothing of them runs on
    /// for ever. Returns how many sessions were reaped.
    /// </summary>
    public async Task<int> ReapForgottenAsync(CancellationToken cancellationToken = default)
    {
        var selector = LearnerManifests.SessionLabel;
        var forgotten = new HashSet<string>(StringComparer.Ordinal);
        var namespaces = await _kube.CoreV1.ListNamespaceAsync(labelSelector: selector, cancellationToken: cancellationToken);
        foreach (var ns in namespaces.Items)
        {
            if (SessionOf(ns.Metadata.Labels, selector) is { } id && _registry.Find(id) is null)
            {
                forgotten.Add(id);
            }
        }

        var toolboxes = await _kube.CoreV1.ListNamespacedPodAsync(_options.SystemNamespace, labelSelector: selector, cancellationToken: cancellationToken);
        foreach (var pod in toolboxes.Items)
        {
            if (SessionOf(pod.Metadata.Labels, selector) is { } id && _registry.Find(id) is null)
            {
                forgotten.Add(id);
            }
        }

        foreach (var id in forgotten)
        {
            await CleanUpAsync(_options.NamespacePrefix + id, $"toolbox-{id}");
            LogReaped(id);
        }

        return forgotten.Count;
    }

    private static string? SessionOf(IDictionary<string, string>? labels, string key) =>
        labels is not null && labels.TryGetValue(key, out var id) && id.Length > 0 ? id : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} was left from before a restart: its namespace and toolbox are removed")]
    private partial void LogReaped(string sessionId);
}
