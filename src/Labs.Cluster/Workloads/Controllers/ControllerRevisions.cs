using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>
/// The ControllerRevisions of a DaemonSet or a StatefulSet (what <c>kubectl rollout history</c> and <c>undo</c> read):
/// one per pod template, <c>&lt;owner&gt;-&lt;hash&gt;</c>, numbered in the order the templates were current.
/// </summary>
internal static class ControllerRevisions
{
    /// <summary>The label naming a pod's revision.</summary>
    public const string HashLabel = "controller-revision-hash";

    private static readonly GroupResource Revisions = new("apps", "controllerrevisions");

    /// <summary>
    /// The hash of the owner's current template, with a ControllerRevision holding it: a new one numbered after the
    /// newest, or an old one renumbered when the template went back to it; old ones pruned to revisionHistoryLimit.
    /// </summary>
    public static string Sync(IObjectStore store, JsonObject owner, string kind)
    {
        var template = owner.Obj("spec", "template");
        var hash = TemplateHash.Compute(template);
        var name = $"{owner.Name()}-{hash}";
        var owned = store.List(Revisions, owner.Namespace()).Items.Where(r => r.ControllerRef()?.Str("uid") == owner.Uid()).ToList();
        var newest = owned.Select(r => r.Long("revision") ?? 0).DefaultIfEmpty(0).Max();
        var current = owned.FirstOrDefault(r => r.Name() == name);
        if (current is null)
        {
            var labels = template.Obj("metadata", "labels")?.DeepClone().AsObject() ?? [];
            labels[HashLabel] = hash;
            var annotations = new JsonObject();
            if (owner.Str("metadata", "annotations", "kubernetes.io/change-cause") is { } cause)
            {
                annotations["kubernetes.io/change-cause"] = cause;
            }

            var replaced = template?.DeepClone().AsObject() ?? [];
            replaced["$patch"] = "replace";
            store.Create(Revisions, owner.Namespace(), new JsonObject
            {
                ["apiVersion"] = "apps/v1",
                ["kind"] = "ControllerRevision",
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["namespace"] = owner.Namespace(),
                    ["labels"] = labels,
                    ["annotations"] = annotations,
                    ["ownerReferences"] = new JsonArray(JsonPaths.OwnerReference("apps/v1", kind, owner)),
                },
                ["data"] = new JsonObject { ["spec"] = new JsonObject { ["template"] = replaced } },
                ["revision"] = newest + 1,
            });
        }
        else if ((current.Long("revision") ?? 0) < newest)
        {
            current["revision"] = newest + 1;
            store.Update(Revisions, owner.Namespace(), current);
        }

        var limit = owner.Long("spec", "revisionHistoryLimit") ?? 10;
        var old = owned.Where(r => r.Name() != name).OrderBy(r => r.Long("revision") ?? 0).ToList();
        foreach (var stale in old.Take(Math.Max(0, old.Count - (int)Math.Min(limit, int.MaxValue))))
        {
            store.Delete(Revisions, owner.Namespace(), stale.Name());
        }

        return hash;
    }
}
