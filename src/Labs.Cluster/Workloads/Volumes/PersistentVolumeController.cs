using System.Text.Json.Nodes;
using Labs.Cluster.Admission;
using Labs.Cluster.Storage;
using Labs.Cluster.Workloads.Controllers;

namespace Labs.Cluster.Workloads.Volumes;

/// <summary>
/// The persistentvolume controller, with the local-path provisioner of kind's default class: a pending claim binds to
/// the smallest Available PersistentVolume that fits it (class, access modes, volume mode, size, selector, or one
/// pre-bound to it); otherwise its StorageClass provisions one (<c>pvc-&lt;uid&gt;</c>, a hostPath on the node the
/// scheduler chose when the class waits for the first consumer); otherwise it stays Pending with the controller's
/// event. A volume whose claim is gone is Released (Retain) or deleted (Delete).
/// </summary>
internal sealed partial class PersistentVolumeController(IObjectStore store, EventRecorder events) : IController
{
    /// <summary>The annotation the scheduler sets on a claim of a WaitForFirstConsumer class: the node its first pod goes to.</summary>
    public const string SelectedNodeAnnotation = "volume.kubernetes.io/selected-node";

    internal static readonly GroupResource Claims = new("", "persistentvolumeclaims");
    internal static readonly GroupResource Volumes = new("", "persistentvolumes");
    internal static readonly GroupResource Classes = new("storage.k8s.io", "storageclasses");
    private static readonly EventRecorder.Source Source = new("persistentvolume-controller");

    /// <inheritdoc />
    public string Name => "persistentvolume-binder-controller";

    /// <inheritdoc />
    public IEnumerable<WorkItem> KeysFor(StoreEvent change)
    {
        if (change.Resource == Claims)
        {
            var claim = WorkItem.Of(Claims, change.Object);
            return change.Type == "DELETED" && change.Object.Str("spec", "volumeName") is { Length: > 0 } volume
                ? [claim, new WorkItem(Volumes, null, volume)]
                : [claim];
        }

        return change.Resource == Volumes && change.Type != "DELETED" ? [WorkItem.Of(Volumes, change.Object)] : [];
    }

    /// <inheritdoc />
    public IEnumerable<WorkItem> Resync() => WorkItem.AllOf(store, Volumes).Concat(WorkItem.AllOf(store, Claims));

    /// <inheritdoc />
    public TimeSpan? Reconcile(WorkItem item, WorkQueue queue)
    {
        if (item.Resource == Volumes)
        {
            SyncVolume(item.Name, queue);
            return null;
        }

        if (store.Get(Claims, item.Namespace, item.Name) is { } claim && claim.At("metadata", "deletionTimestamp") is null)
        {
            SyncClaim(claim);
        }

        return null;
    }

    /// <summary>A volume: bound to a claim that still exists, reclaimed when it is gone, else Available (and pending claims look again).</summary>
    private void SyncVolume(string name, WorkQueue queue)
    {
        if (store.Get(Volumes, null, name) is not { } pv || pv.At("metadata", "deletionTimestamp") is not null)
        {
            return;
        }

        if (pv.Obj("spec", "claimRef") is { } claimRef)
        {
            var claim = store.Get(Claims, claimRef.Str("namespace"), claimRef.Str("name") ?? "");
            if (claimRef.Str("uid") is { Length: > 0 } uid && (claim is null || claim.Uid() != uid))
            {
                Reclaim(pv);
            }
            else if (claim is not null)
            {
                // Pre-bound to a claim (by its author or a provisioner): the claim's sync completes the binding.
                queue.Add(WorkItem.Of(Claims, claim));
            }

            return;
        }

        SetPhase(pv, "Available");
        foreach (var pending in store.List(Claims, null).Items.Where(c => c.Str("status", "phase") == "Pending"))
        {
            queue.Add(WorkItem.Of(Claims, pending));
        }
    }

    private void SyncClaim(JsonObject claim)
    {
        if (claim.Str("spec", "volumeName") is { Length: > 0 } volumeName)
        {
            if (store.Get(Volumes, null, volumeName) is { } bound
                && (bound.Obj("spec", "claimRef") is null || bound.Str("spec", "claimRef", "uid") is null or "" || bound.Str("spec", "claimRef", "uid") == claim.Uid()))
            {
                Bind(claim, bound);
            }

            return;
        }

        if (FindVolume(claim) is { } match)
        {
            Bind(claim, match);
            return;
        }

        var className = claim.Str("spec", "storageClassName");
        if (string.IsNullOrEmpty(className))
        {
            events.Normal(claim, "FailedBinding", "no persistent volumes available for this claim and no storage class is set", Source);
            return;
        }

        if (store.Get(Classes, null, className) is not { } storageClass)
        {
            events.Warning(claim, "ProvisioningFailed", $"storageclass.storage.k8s.io \"{className}\" not found", Source);
            return;
        }

        var waits = storageClass.Str("volumeBindingMode") == "WaitForFirstConsumer";
        var node = claim.Str("metadata", "annotations", SelectedNodeAnnotation);
        if (waits && string.IsNullOrEmpty(node))
        {
            events.Normal(claim, "WaitForFirstConsumer", "waiting for first consumer to be created before binding", Source);
            return;
        }

        if (storageClass.Str("provisioner") is not { Length: > 0 } provisioner || provisioner == "kubernetes.io/no-provisioner")
        {
            events.Normal(claim, "FailedBinding", "no persistent volumes available for this claim and no storage class is set", Source);
            return;
        }

        Bind(claim, Provision(claim, storageClass, provisioner, node));
    }

    /// <summary>findBestMatchForClaim: a volume pre-bound to the claim, else the smallest Available one that fits.</summary>
    private JsonObject? FindVolume(JsonObject claim)
    {
        var wanted = Size(claim.Str("spec", "resources", "requests", "storage"));
        var modes = Modes(claim.Arr("spec", "accessModes"));
        var className = claim.Str("spec", "storageClassName") ?? "";
        var volumeMode = claim.Str("spec", "volumeMode") ?? "Filesystem";
        var selector = claim.Obj("spec", "selector", "matchLabels");
        var candidates = store.List(Volumes, null).Items.Where(pv =>
            pv.At("metadata", "deletionTimestamp") is null
            && (pv.Str("spec", "storageClassName") ?? "") == className
            && (pv.Str("spec", "volumeMode") ?? "Filesystem") == volumeMode
            && modes.IsSubsetOf(Modes(pv.Arr("spec", "accessModes")))
            && Size(pv.Str("spec", "capacity", "storage")) >= wanted
            && JsonPaths.MatchesLabels(selector, pv.Obj("metadata", "labels"))).ToList();
        bool PreBound(JsonObject pv) => pv.Str("spec", "claimRef", "name") == claim.Name() && pv.Str("spec", "claimRef", "namespace") == claim.Namespace()
            && (pv.Str("spec", "claimRef", "uid") is null or "" || pv.Str("spec", "claimRef", "uid") == claim.Uid());
        return candidates.FirstOrDefault(PreBound)
            ?? candidates.Where(pv => pv.Obj("spec", "claimRef") is null && pv.Str("status", "phase") is "Available" or "Pending")
                .OrderBy(pv => Size(pv.Str("spec", "capacity", "storage"))).ThenBy(pv => pv.Name(), StringComparer.Ordinal).FirstOrDefault();
    }

    private static HashSet<string> Modes(JsonArray? modes) => [.. (modes ?? []).Select(m => m?.GetValue<string>()).OfType<string>()];

    private static decimal Size(string? quantity) =>
        quantity is not null && Quantity.TryParse(quantity, out var q, out _) ? (decimal)q.Value : 0;

    private JsonObject SetPhase(JsonObject pv, string phase)
    {
        if (pv.Str("status", "phase") == phase)
        {
            return pv;
        }

        pv.Ensure("status")["phase"] = phase;
        return store.UpdateStatus(Volumes, null, pv);
    }
}
