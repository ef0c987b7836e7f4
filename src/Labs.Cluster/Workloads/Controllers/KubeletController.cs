using System.Text.Json.Nodes;
using Labs.Cluster.Storage;
using Labs.Cluster.Workloads.Isolation;
using Microsoft.Extensions.Logging;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>
/// The kubelets' loop: every pod bound to a simulated node, taken through its lifecycle by the <see cref="Kubelet"/>,
/// and released (processes, IP, files) once deleted. At start-up it takes up what the durable store kept.
/// </summary>
internal sealed partial class KubeletController(IObjectStore store, Kubelet kubelet, PodSandboxes sandboxes, ILogger logger) : IController
{
    /// <inheritdoc />
    public string Name => "kubelet";

    /// <inheritdoc />
    public IEnumerable<WorkItem> KeysFor(StoreEvent change)
    {
        if (change.Resource == WorkloadResources.Namespaces && change.Type == "DELETED")
        {
            // A namespace's hostPath files on the simulated nodes go with it (its pods went first).
            yield return new WorkItem(change.Resource, null, change.Object.Name(), change.Object.Uid());
        }
        else if (change.Resource == WorkloadResources.Pods && (change.Type == "DELETED" || !string.IsNullOrEmpty(change.Object.Str("spec", "nodeName"))))
        {
            yield return new WorkItem(change.Resource, change.Object.Namespace(), change.Object.Name(), change.Type == "DELETED" ? change.Object.Uid() : null);
        }
    }

    /// <summary>
    /// Takes up what the store kept from the last run (pods are still there, Running, with their files under pods/ and
    /// their IPs): the kept pods hold their IPs and directories, what is left of deleted pods goes, and every pod is
    /// reconciled.
    /// </summary>
    public IEnumerable<WorkItem> Resync()
    {
        var pods = store.List(WorkloadResources.Pods, null).Items;
        kubelet.Resume(pods);
        ReleaseOrphans(pods);
        return pods.Where(p => !string.IsNullOrEmpty(p.Str("spec", "nodeName")))
            .Select(p => new WorkItem(WorkloadResources.Pods, p.Namespace(), p.Name())).ToList();
    }

    /// <inheritdoc />
    public TimeSpan? Reconcile(WorkItem item, WorkQueue queue)
    {
        if (item.Resource == WorkloadResources.Namespaces)
        {
            sandboxes.ReleaseNamespace(item.Name);
            return null;
        }

        if (item.DeletedUid is { } uid)
        {
            kubelet.Release(uid);
        }

        var pod = store.Get(WorkloadResources.Pods, item.Namespace, item.Name);
        if (pod is null)
        {
            return null;
        }

        var again = item with { DeletedUid = null };
        void LookAgain() => queue.Add(again);
        return pod.At("metadata", "deletionTimestamp") is not null ? kubelet.Terminate(pod, LookAgain) : kubelet.Reconcile(pod, LookAgain);
    }

    /// <summary>
    /// Removes what pods that no longer exist left on the node, as the kubelet cleans up orphaned pod directories: those
    /// of pods deleted while the platform was down, or of a store that was moved aside.
    /// </summary>
    private void ReleaseOrphans(IReadOnlyList<JsonObject> pods)
    {
        var live = pods.Select(p => p.Uid()).ToHashSet(StringComparer.Ordinal);
        foreach (var dir in Directory.EnumerateDirectories(sandboxes.PodsDirectory))
        {
            if (!live.Contains(Path.GetFileName(dir)))
            {
                try
                {
                    kubelet.Release(Path.GetFileName(dir));
                }
                catch (IOException e)
                {
                    LogOrphanKept(logger, Path.GetFileName(dir), e.Message);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An orphaned pod directory ({Uid}) could not be removed: {Reason}")]
    private static partial void LogOrphanKept(ILogger logger, string uid, string reason);
}
