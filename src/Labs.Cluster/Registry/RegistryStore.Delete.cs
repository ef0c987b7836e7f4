using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Registry;

/// <summary>
/// DELETE as kube-apiserver's generic store does it: an object with finalizers (or deleted in the foreground) is only
/// marked (deletionTimestamp) and goes once its finalizers are gone; its dependents are deleted or, with Orphan, released.
/// </summary>
internal sealed partial class RegistryStore
{
    /// <summary>The finalizer of an owner that waits for its dependents (propagationPolicy Foreground).</summary>
    public const string ForegroundFinalizer = "foregroundDeletion";

    /// <summary>
    /// Deletes an object as a DELETE request does: the kind's own delete when it has one (a namespace terminates), else
    /// the object goes (or, with finalizers, is marked for deletion) and its dependents (by ownerReference) are deleted,
    /// or with <c>Orphan</c> released. <c>Foreground</c> keeps the owner, marked, until its dependents are gone.
    /// </summary>
    /// <param name="resource">The resource type.</param>
    /// <param name="ns">Namespace, or null for cluster scope.</param>
    /// <param name="name">Object name.</param>
    /// <param name="propagation">Background, Foreground or Orphan; null for the kind's default.</param>
    /// <param name="dryRun">Whether to answer without deleting.</param>
    /// <param name="gracePeriodSeconds">The request's DeleteOptions.gracePeriodSeconds (null: the kind's default), for kinds deleted gracefully.</param>
    /// <returns>The object as deleted, or as marked when it waits for finalizers or the end of its grace period.</returns>
    public JsonObject Delete(GroupResource resource, string? ns, string name, string? propagation, bool dryRun, long? gracePeriodSeconds = null)
    {
        var existing = _inner.Get(resource, ns, name) ?? throw ApiErrors.NotFound(resource, name);
        if (dryRun)
        {
            return existing;
        }

        var strategy = Registry.For(resource);
        var policy = propagation ?? strategy?.DefaultPropagation ?? "Background";
        if (strategy?.Delete is { } delete)
        {
            return delete(this, ns, name, policy);
        }

        switch (BeforeDelete(strategy, existing, gracePeriodSeconds, out var period))
        {
            case GracefulDeletion.Pending:
                return existing;
            case GracefulDeletion.Graceful when period > 0 || Finalizers(existing).Count > 0:
                // The kubelet stops the pod's containers and deletes it (grace 0) once they are stopped.
                existing = MarkGracefully(resource, ns, existing, period);
                if (Finalizers(existing).Count > 0 || policy != "Foreground")
                {
                    return existing;
                }

                break;
        }

        var uid = existing.MetaString("uid");
        if (policy == "Orphan" && ns is not null && uid.Length > 0)
        {
            CollectDependents(ns, uid, "Orphan");
        }

        if (policy == "Foreground" && ns is not null && uid.Length > 0 && HasDependents(ns, uid))
        {
            var marked = MarkForDeletion(resource, ns, existing, ForegroundFinalizer);
            CollectDependents(ns, uid, "Foreground");
            return HasDependents(ns, uid) ? marked : RemoveFinalizer(resource, ns, name, ForegroundFinalizer) ?? marked;
        }

        if (Finalizers(existing).Count > 0)
        {
            // Its dependents are collected once it is really gone (the garbage collector sees the owner missing).
            return MarkForDeletion(resource, ns, existing, null);
        }

        var deleted = _inner.Delete(resource, ns, name) ?? throw ApiErrors.NotFound(resource, name);
        if (policy != "Orphan" && ns is not null && uid.Length > 0)
        {
            CollectDependents(ns, uid, policy);
        }

        return deleted;
    }

    /// <summary>
    /// Removes an object unless it has finalizers, in which case it is marked for deletion and stays until they are gone
    /// (what a controller's delete does); its dependents are not touched.
    /// </summary>
    public JsonObject? Delete(GroupResource resource, string? ns, string name) => Delete(resource, ns, name, gracePeriodSeconds: null);

    /// <summary>
    /// A controller's delete with DeleteOptions.gracePeriodSeconds: as <see cref="Delete(GroupResource, string?, string)"/>,
    /// and a pod (any kind deleted gracefully) is only marked, for its grace period, unless the period is 0 (the
    /// kubelet's final delete).
    /// </summary>
    public JsonObject? Delete(GroupResource resource, string? ns, string name, long? gracePeriodSeconds)
    {
        var existing = _inner.Get(resource, ns, name);
        if (existing is null)
        {
            return null;
        }

        switch (BeforeDelete(Registry.For(resource), existing, gracePeriodSeconds, out var period))
        {
            case GracefulDeletion.Pending:
                return existing;
            case GracefulDeletion.Graceful when period > 0:
                return MarkGracefully(resource, ns, existing, period);
        }

        return Finalizers(existing).Count > 0 ? MarkForDeletion(resource, ns, existing, null) : _inner.Delete(resource, ns, name);
    }

    /// <summary>Whether an object is waiting for its finalizers (deletionTimestamp set, still stored).</summary>
    public static bool IsBeingDeleted(JsonObject obj) => obj["metadata"]?["deletionTimestamp"] is not null;

    /// <summary>The finalizers of an object.</summary>
    public static List<string> Finalizers(JsonObject obj) =>
        (obj["metadata"]?["finalizers"] as JsonArray ?? []).Select(f => (string?)f).OfType<string>().ToList();

    /// <summary>Removes one finalizer of a stored object; the object goes when it was the last one and it is being deleted.</summary>
    public JsonObject? RemoveFinalizer(GroupResource resource, string? ns, string name, string finalizer)
    {
        var existing = _inner.Get(resource, ns, name);
        if (existing is null || !Finalizers(existing).Contains(finalizer))
        {
            return existing;
        }

        var updated = existing.DeepClone().AsObject();
        updated.Meta()["finalizers"] = new JsonArray(Finalizers(existing).Where(f => f != finalizer).Select(f => (JsonNode?)f).ToArray());
        return Update(resource, ns, updated, existing, WriteOptions.Default);
    }

    /// <summary>Whether any stored object in <paramref name="ns"/> names <paramref name="ownerUid"/> as an owner.</summary>
    public bool HasDependents(string ns, string ownerUid) =>
        Registry.Stored.Where(d => d.Definition.Namespaced).Any(s => _inner.List(s.Resource, ns).Items.Any(item => Owners(item).Any(o => (string?)o?["uid"] == ownerUid)));

    private JsonObject MarkForDeletion(GroupResource resource, string? ns, JsonObject existing, string? addFinalizer)
    {
        if (IsBeingDeleted(existing) && (addFinalizer is null || Finalizers(existing).Contains(addFinalizer)))
        {
            return existing;
        }

        return UpdateLatest(resource, ns, existing, current =>
        {
            var marked = current.DeepClone().AsObject();
            var metadata = marked.Meta();
            metadata["deletionTimestamp"] ??= _time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            metadata["deletionGracePeriodSeconds"] ??= 0;
            if (addFinalizer is not null && !Finalizers(current).Contains(addFinalizer))
            {
                var finalizers = metadata["finalizers"] as JsonArray ?? [];
                finalizers.Add(addFinalizer);
                metadata["finalizers"] = finalizers;
            }

            return marked;
        });
    }

    private void CollectDependents(string ns, string ownerUid, string policy)
    {
        foreach (var strategy in Registry.Stored.Where(d => d.Definition.Namespaced))
        {
            var gr = strategy.Resource;
            foreach (var item in _inner.List(gr, ns).Items)
            {
                var owners = Owners(item);
                if (!owners.Any(o => (string?)o?["uid"] == ownerUid))
                {
                    continue;
                }

                if (policy == "Orphan")
                {
                    var remaining = owners.Where(o => (string?)o?["uid"] != ownerUid).Select(o => o?.DeepClone()).ToArray();
                    item.Meta()["ownerReferences"] = new JsonArray(remaining);
                    item.Meta().Remove("resourceVersion");
                    _inner.Update(gr, ns, item);
                    continue;
                }

                // Dependents of a foreground deletion are deleted in the foreground too, as the garbage collector does.
                try
                {
                    Delete(gr, ns, item.MetaString("name"), policy == "Foreground" ? "Foreground" : "Background", dryRun: false);
                }
                catch (ApiException e) when (e.Reason == "NotFound")
                {
                    // Already collected through another owner.
                }
            }
        }
    }

    private static JsonArray Owners(JsonObject item) => item["metadata"]?["ownerReferences"] as JsonArray ?? [];
}
