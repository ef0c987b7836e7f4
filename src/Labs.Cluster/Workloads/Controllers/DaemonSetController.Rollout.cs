using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>The DaemonSet's rolling update and its status.</summary>
internal sealed partial class DaemonSetController
{
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
