using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Registry;

/// <summary>DELETE with propagation: the kind's own delete, or removal followed by garbage collection of dependents.</summary>
internal sealed partial class RegistryStore
{
    /// <summary>
    /// Deletes an object as a DELETE request does: the kind's own delete when it has one (a namespace terminates), else
    /// the object is removed and its dependents (by ownerReference) are deleted, or with <c>Orphan</c> released.
    /// </summary>
    /// <param name="resource">The resource type.</param>
    /// <param name="ns">Namespace, or null for cluster scope.</param>
    /// <param name="name">Object name.</param>
    /// <param name="propagation">Background, Foreground or Orphan; null for the kind's default.</param>
    /// <param name="dryRun">Whether to answer without deleting.</param>
    /// <returns>The object as deleted.</returns>
    public JsonObject Delete(GroupResource resource, string? ns, string name, string? propagation, bool dryRun)
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

        var deleted = _inner.Delete(resource, ns, name) ?? throw ApiErrors.NotFound(resource, name);
        var uid = existing.MetaString("uid");
        if (ns is not null && uid.Length > 0)
        {
            CollectDependents(ns, uid, policy);
        }

        return deleted;
    }

    private void CollectDependents(string ns, string ownerUid, string policy)
    {
        foreach (var strategy in Registry.Stored.Where(d => d.Definition.Namespaced))
        {
            var gr = strategy.Resource;
            foreach (var item in _inner.List(gr, ns).Items)
            {
                if (item["metadata"]?["ownerReferences"] is not JsonArray owners
                    || !owners.Any(o => (string?)o?["uid"] == ownerUid))
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

                if (_inner.Delete(gr, ns, item.MetaString("name")) is not null)
                {
                    CollectDependents(ns, item.MetaString("uid"), policy);
                }
            }
        }
    }
}
