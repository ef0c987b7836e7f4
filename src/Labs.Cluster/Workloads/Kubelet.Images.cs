using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads;

/// <summary>The images of a pod's containers, pulled before they start, and the events of their start.</summary>
internal sealed partial class Kubelet
{
    /// <summary>
    /// Pulls every container's image; true when all are there. Otherwise the containers that wait for theirs show why
    /// in <paramref name="status"/> (ErrImagePull, ImagePullBackOff, ...), the pod is Pending and not Ready, and
    /// <paramref name="wake"/> says when the next try is due.
    /// </summary>
    private bool PullImages(JsonObject pod, JsonObject status, DateTimeOffset since, out TimeSpan? wake)
    {
        wake = null;
        var containers = pod.Arr("spec", "containers").Objects().ToList();
        var statuses = status["containerStatuses"] as JsonArray ?? [];
        var allThere = true;
        for (var i = 0; i < containers.Count && i < statuses.Count; i++)
        {
            var name = containers[i].Str("name") ?? "";
            if (images.Ensure(pod, containers[i], $"spec.containers{{{name}}}", since) is not { } waiting)
            {
                continue;
            }

            allThere = false;
            wake = Sooner(wake, waiting.LookAgain);
            statuses[i] = WaitingStatus(containers[i], waiting.Reason, waiting.Message);
        }

        if (!allThere)
        {
            // getPhase: a container waiting that never ran keeps the pod Pending.
            status["phase"] = "Pending";
            SetConditions(pod, status);
        }

        return allThere;
    }

    /// <summary>
    /// Keeps the times of what has not changed since the stored status, as the kubelet does: a condition's
    /// lastTransitionTime while its status holds, a container's state while it is the same state, the start time.
    /// </summary>
    private static JsonObject KeepTimes(JsonObject pod, JsonObject next)
    {
        if (pod["status"] is not JsonObject old)
        {
            return next;
        }

        var oldConditions = old.Arr("conditions").Objects().ToDictionary(c => c.Str("type") ?? "", StringComparer.Ordinal);
        foreach (var condition in next.Arr("conditions").Objects())
        {
            if (oldConditions.TryGetValue(condition.Str("type") ?? "", out var was) && was.Str("status") == condition.Str("status") &&
                was["lastTransitionTime"] is { } at)
            {
                condition["lastTransitionTime"] = at.DeepClone();
            }
        }

        foreach (var field in (string[])["initContainerStatuses", "containerStatuses"])
        {
            var oldContainers = old.Arr(field).Objects().ToDictionary(c => c.Str("name") ?? "", StringComparer.Ordinal);
            foreach (var container in next.Arr(field).Objects())
            {
                if (oldContainers.TryGetValue(container.Str("name") ?? "", out var was) && SameState(was.Obj("state"), container.Obj("state")))
                {
                    container["state"] = was["state"]!.DeepClone();
                }
            }
        }

        if (old["startTime"] is { } started)
        {
            next["startTime"] = started.DeepClone();
        }

        return next;
    }

    // The same state: both running, or waiting (or terminated) for the same reason and with the same message.
    private static bool SameState(JsonObject? a, JsonObject? b)
    {
        if (a is null || b is null || a.Count != 1 || b.Count != 1)
        {
            return false;
        }

        var (kindA, detailA) = a.First();
        var (kindB, detailB) = b.First();
        return kindA == kindB && (kindA == "running" ||
            (detailA?["reason"]?.ToString() == detailB?["reason"]?.ToString() && detailA?["message"]?.ToString() == detailB?["message"]?.ToString() &&
             detailA?["exitCode"]?.ToString() == detailB?["exitCode"]?.ToString()));
    }
}
