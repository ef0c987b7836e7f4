using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>
/// The two strategies, as rolling.go and recreate.go: a rolling update grows the new set within maxSurge and shrinks the
/// old ones only as far as maxUnavailable allows (so a broken image leaves the old pods serving), and Recreate stops
/// every old pod before the new set starts. Each change of a set's size records ScalingReplicaSet.
/// </summary>
internal sealed partial class DeploymentController
{
    private static readonly EventRecorder.Source Source = new("deployment-controller");

    // How soon Recreate looks again while old pods are still stopping (their end does not change any set).
    private static readonly TimeSpan OldPodsRecheck = TimeSpan.FromSeconds(1);

    private static bool Recreating(JsonObject deploy) => deploy.Str("spec", "strategy", "type") == "Recreate";

    private static long Replicas(JsonObject? rs) => rs.Long("spec", "replicas") ?? 0;

    /// <summary>NewRSNewReplicas: the new set's size now, within maxSurge of the desired count over all sets.</summary>
    private static int NewReplicas(JsonObject deploy, IEnumerable<JsonObject> all, JsonObject? newRs, int desired, int maxSurge)
    {
        if (Recreating(deploy))
        {
            return desired;
        }

        var current = (int)all.Where(rs => rs != newRs).Sum(Replicas) + (int)Replicas(newRs);
        var room = desired + maxSurge - current;
        if (room <= 0)
        {
            return (int)Replicas(newRs);
        }

        return (int)Replicas(newRs) + Math.Min(room, Math.Max(0, desired - (int)Replicas(newRs)));
    }

    /// <summary>rolloutRolling: scale the new set up, or else the old ones down; returns when to look again, if ever.</summary>
    private TimeSpan? Roll(JsonObject deploy, JsonObject? newRs, List<JsonObject> oldSets, List<JsonObject> all, int desired, int maxSurge)
    {
        if (newRs is null)
        {
            return null;
        }

        var current = Replicas(newRs);
        var wanted = current > desired ? desired : NewReplicas(deploy, all, newRs, desired, maxSurge);
        if (wanted != current)
        {
            Scale(deploy, newRs, wanted);
            if (wanted > current)
            {
                // Scaled up: the old sets shrink once the new pods are available (their status brings us back).
                return null;
            }
        }

        ScaleDownOld(deploy, newRs, oldSets, all, desired);
        return null;
    }

    /// <summary>reconcileOldReplicaSets: unhealthy old pods go first, then healthy ones down to the minimum available.</summary>
    private void ScaleDownOld(JsonObject deploy, JsonObject newRs, List<JsonObject> oldSets, List<JsonObject> all, int desired)
    {
        if (oldSets.Sum(Replicas) == 0)
        {
            return;
        }

        var minAvailable = desired - MaxUnavailable(deploy, desired);
        var newUnavailable = Replicas(newRs) - (newRs.Long("status", "availableReplicas") ?? 0);
        var maxScaledDown = all.Sum(Replicas) - minAvailable - newUnavailable;
        if (maxScaledDown <= 0)
        {
            return;
        }

        // cleanupUnhealthyReplicas: old pods that are not available help nobody; they go first, oldest sets first.
        var ordered = oldSets.OrderBy(rs => rs.Str("metadata", "creationTimestamp"), StringComparer.Ordinal).ThenBy(rs => rs.Name(), StringComparer.Ordinal).ToList();
        long cleaned = 0;
        foreach (var rs in ordered)
        {
            var unhealthy = Replicas(rs) - (rs.Long("status", "availableReplicas") ?? 0);
            var count = Math.Min(maxScaledDown - cleaned, unhealthy);
            if (count > 0)
            {
                Scale(deploy, rs, Replicas(rs) - count);
                cleaned += count;
            }
        }

        // scaleDownOldReplicaSetsForRollingUpdate: then available ones, as far as keeps minAvailable pods available.
        var available = all.Sum(rs => rs.Long("status", "availableReplicas") ?? 0);
        var total = available - minAvailable;
        foreach (var rs in ordered)
        {
            if (total <= 0)
            {
                break;
            }

            var count = Math.Min(Replicas(rs), total);
            if (count > 0)
            {
                Scale(deploy, rs, Replicas(rs) - count);
                total -= count;
            }
        }
    }

    /// <summary>rolloutRecreate: every old set to zero; the new one only once no old pod runs.</summary>
    private TimeSpan? Recreate(JsonObject deploy, JsonObject? newRs, List<JsonObject> oldSets, int desired)
    {
        foreach (var rs in oldSets.Where(rs => Replicas(rs) != 0))
        {
            Scale(deploy, rs, 0);
        }

        if (OldPodsRunning(deploy, oldSets))
        {
            return OldPodsRecheck;
        }

        if (newRs is not null && Replicas(newRs) != desired)
        {
            Scale(deploy, newRs, desired);
        }

        return newRs is null ? TimeSpan.Zero : null;
    }

    /// <summary>oldPodsRunning: a pod of an old set that has not ended (stopping ones included).</summary>
    private bool OldPodsRunning(JsonObject deploy, List<JsonObject> oldSets)
    {
        if (oldSets.Count == 0)
        {
            return false;
        }

        var uids = oldSets.Select(rs => rs.Uid()).ToHashSet(StringComparer.Ordinal);
        return store.List(WorkloadResources.Pods, deploy.Namespace()).Items.Any(p =>
            p.ControllerRef()?.Str("uid") is { } owner && uids.Contains(owner) && p.Str("status", "phase") is not ("Succeeded" or "Failed"));
    }

    /// <summary>scaleReplicaSet: writes the set's new size (and the replica annotations) and records the event.</summary>
    private void Scale(JsonObject deploy, JsonObject rs, long replicas)
    {
        var from = Replicas(rs);
        var desired = (int)(deploy.Long("spec", "replicas") ?? 1);
        rs.Ensure("spec")["replicas"] = replicas;
        var annotations = rs.Ensure("metadata").Ensure("annotations");
        annotations[DesiredReplicasAnnotation] = desired.ToString(System.Globalization.CultureInfo.InvariantCulture);
        annotations[MaxReplicasAnnotation] = (desired + MaxSurge(deploy, desired)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var updated = store.Update(WorkloadResources.ReplicaSets, rs.Namespace(), rs);
        foreach (var (key, value) in updated)
        {
            rs[key] = value?.DeepClone();
        }

        events.Normal(deploy, "ScalingReplicaSet", $"Scaled {(replicas > from ? "up" : "down")} replica set {rs.Name()} from {from} to {replicas}", Source);
    }
}
