using System.Globalization;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>The DaemonSet's revisions (ControllerRevisions, for <c>kubectl rollout history/undo</c>), its rolling update and its status.</summary>
internal sealed partial class DaemonSetController
{
    /// <summary>
    /// The hash of the current template, with a ControllerRevision <c>&lt;ds&gt;-&lt;hash&gt;</c> holding it: a new one
    /// numbered after the newest, or an old one renumbered when the template went back to it; old ones pruned to
    /// revisionHistoryLimit.
    /// </summary>
    private string SyncRevision(JsonObject ds)
    {
        var template = ds.Obj("spec", "template");
        var hash = TemplateHash.Compute(template);
        var owned = store.List(Revisions, ds.Namespace()).Items.Where(r => r.ControllerRef()?.Str("uid") == ds.Uid()).ToList();
        var newest = owned.Select(r => r.Long("revision") ?? 0).DefaultIfEmpty(0).Max();
        var current = owned.FirstOrDefault(r => r.Name() == $"{ds.Name()}-{hash}");
        if (current is null)
        {
            var labels = template.Obj("metadata", "labels")?.DeepClone().AsObject() ?? [];
            labels[RevisionLabel] = hash;
            var annotations = new JsonObject();
            if (ds.Str("metadata", "annotations", "kubernetes.io/change-cause") is { } cause)
            {
                annotations["kubernetes.io/change-cause"] = cause;
            }

            var replaced = template?.DeepClone().AsObject() ?? [];
            replaced["$patch"] = "replace";
            store.Create(Revisions, ds.Namespace(), new JsonObject
            {
                ["apiVersion"] = "apps/v1",
                ["kind"] = "ControllerRevision",
                ["metadata"] = new JsonObject
                {
                    ["name"] = $"{ds.Name()}-{hash}",
                    ["namespace"] = ds.Namespace(),
                    ["labels"] = labels,
                    ["annotations"] = annotations,
                    ["ownerReferences"] = new JsonArray(JsonPaths.OwnerReference("apps/v1", "DaemonSet", ds)),
                },
                ["data"] = new JsonObject { ["spec"] = new JsonObject { ["template"] = replaced } },
                ["revision"] = newest + 1,
            });
        }
        else if ((current.Long("revision") ?? 0) < newest)
        {
            current["revision"] = newest + 1;
            store.Update(Revisions, ds.Namespace(), current);
        }

        var limit = ds.Long("spec", "revisionHistoryLimit") ?? 10;
        var old = owned.Where(r => r.Name() != $"{ds.Name()}-{hash}").OrderBy(r => r.Long("revision") ?? 0).ToList();
        foreach (var stale in old.Take(Math.Max(0, old.Count - (int)Math.Min(limit, int.MaxValue))))
        {
            store.Delete(Revisions, ds.Namespace(), stale.Name());
        }

        return hash;
    }

    /// <summary>
    /// rollingUpdate: old pods go first where they are not available, then available ones while fewer than maxUnavailable
    /// daemons are unavailable; the next sync creates their replacements. Returns when to look again, if ever.
    /// </summary>
    private TimeSpan? RollingUpdate(JsonObject ds, string hash, HashSet<string> shouldRun, Dictionary<string, List<JsonObject>> byNode)
    {
        if (ds.Str("spec", "updateStrategy", "type") == "OnDelete")
        {
            return null;
        }

        var desired = shouldRun.Count;
        var setting = ds.At("spec", "updateStrategy", "rollingUpdate", "maxUnavailable");
        var maxUnavailable = setting is null ? 1 : Math.Max(1, IntOrPercent.Resolve(setting, desired, roundUp: true, fallbackPercent: 0));
        var daemons = shouldRun.Select(n => byNode.GetValueOrDefault(n)?.FirstOrDefault()).ToList();
        var unavailable = daemons.Count(p => p is null || !Available(ds, p));
        var old = daemons.OfType<JsonObject>().Where(p => p.Str("metadata", "labels", RevisionLabel) != hash).ToList();
        var doomed = old.Where(p => !Available(ds, p)).ToList();
        foreach (var pod in old.Where(p => Available(ds, p)))
        {
            if (unavailable >= maxUnavailable)
            {
                break;
            }

            doomed.Add(pod);
            unavailable++;
        }

        DeletePods(ds, doomed);
        return null;
    }

    private bool Available(JsonObject ds, JsonObject pod) =>
        PodStatus.IsReady(pod) && (PodStatus.ReadySince(pod) ?? time.GetUtcNow()) + TimeSpan.FromSeconds(ds.Long("spec", "minReadySeconds") ?? 0) <= time.GetUtcNow();

    private TimeSpan? WriteStatus(JsonObject ds, string hash, HashSet<string> shouldRun, Dictionary<string, List<JsonObject>> byNode)
    {
        var daemons = shouldRun.Select(n => byNode.GetValueOrDefault(n)?.FirstOrDefault()).OfType<JsonObject>().ToList();
        var available = daemons.Count(p => Available(ds, p));
        var status = new JsonObject
        {
            ["currentNumberScheduled"] = daemons.Count,
            ["numberMisscheduled"] = byNode.Keys.Count(n => n.Length > 0 && !shouldRun.Contains(n)),
            ["desiredNumberScheduled"] = shouldRun.Count,
            ["numberReady"] = daemons.Count(PodStatus.IsReady),
            ["observedGeneration"] = ds.Long("metadata", "generation") ?? 1,
        };
        void Count(string field, long value)
        {
            if (value != 0)
            {
                status[field] = value;
            }
        }

        Count("updatedNumberScheduled", daemons.Count(p => p.Str("metadata", "labels", RevisionLabel) == hash));
        Count("numberAvailable", available);
        Count("numberUnavailable", shouldRun.Count - available);
        if (!JsonNode.DeepEquals(ds.Obj("status"), status))
        {
            ds["status"] = status;
            store.UpdateStatus(DaemonSets, ds.Namespace(), ds);
        }

        // A pod ready but not yet for minReadySeconds becomes available later, with no change to look at.
        var minReady = TimeSpan.FromSeconds(ds.Long("spec", "minReadySeconds") ?? 0);
        var pending = daemons.Where(p => PodStatus.IsReady(p) && !Available(ds, p))
            .Select(p => (PodStatus.ReadySince(p) ?? time.GetUtcNow()) + minReady - time.GetUtcNow()).ToList();
        return pending.Count > 0 ? pending.Min() : null;
    }
}
