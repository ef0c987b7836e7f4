using System.Text.Json.Nodes;

namespace Labs.Cluster.Admission;

/// <summary>
/// A pod's resource requests and limits as Kubernetes adds them up (pkg/api/v1/resource PodRequests/PodLimits): containers
/// add up, init containers run one at a time so their largest counts, sidecars (restartPolicy Always) add up, overhead adds.
/// </summary>
internal static class PodResources
{
    /// <summary>The pod spec's containers then init containers, each with whether it is an init container.</summary>
    public static IEnumerable<(JsonObject Container, bool Init)> Containers(JsonObject? spec)
    {
        foreach (var container in (spec?["containers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            yield return (container, false);
        }

        foreach (var container in (spec?["initContainers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            yield return (container, true);
        }
    }

    /// <summary>A container's <c>resources.requests</c>.</summary>
    public static ResourceList Requests(JsonObject container) => ResourceList.Read(container["resources"]?["requests"]);

    /// <summary>A container's <c>resources.limits</c>.</summary>
    public static ResourceList Limits(JsonObject container) => ResourceList.Read(container["resources"]?["limits"]);

    /// <summary>The pod's effective requests; <paramref name="overhead"/> adds <c>spec.overhead</c> (quota does, LimitRanger does not).</summary>
    public static ResourceList PodRequests(JsonObject pod, bool overhead)
    {
        var total = Aggregate(pod["spec"] as JsonObject, Requests);
        return overhead ? total.Plus(ResourceList.Read(pod["spec"]?["overhead"])) : total;
    }

    /// <summary>The pod's effective limits; <paramref name="overhead"/> adds <c>spec.overhead</c> to the limits that are set.</summary>
    public static ResourceList PodLimits(JsonObject pod, bool overhead)
    {
        var total = Aggregate(pod["spec"] as JsonObject, Limits);
        if (overhead)
        {
            foreach (var (name, extra) in ResourceList.Read(pod["spec"]?["overhead"]))
            {
                if (total.TryGetValue(name, out var value))
                {
                    total[name] = value.Add(extra);
                }
            }
        }

        return total;
    }

    /// <summary>Kubernetes' QoS class: BestEffort (nothing set), Guaranteed (cpu and memory limits equal requests everywhere), else Burstable.</summary>
    public static string QosClass(JsonObject pod)
    {
        var requests = new ResourceList();
        var limits = new ResourceList();
        var guaranteed = true;
        foreach (var (container, _) in Containers(pod["spec"] as JsonObject))
        {
            foreach (var (name, quantity) in Requests(container).Where(p => p.Key is "cpu" or "memory" && !p.Value.IsZero))
            {
                requests.AddTo(name, quantity);
            }

            var found = 0;
            foreach (var (name, quantity) in Limits(container).Where(p => p.Key is "cpu" or "memory" && !p.Value.IsZero))
            {
                found++;
                limits.AddTo(name, quantity);
            }

            guaranteed &= found == 2;
        }

        if (requests.Count == 0 && limits.Count == 0)
        {
            return "BestEffort";
        }

        guaranteed &= requests.All(r => limits.TryGetValue(r.Key, out var limit) && limit == r.Value);
        return guaranteed && requests.Count == limits.Count ? "Guaranteed" : "Burstable";
    }

    private static ResourceList Aggregate(JsonObject? spec, Func<JsonObject, ResourceList> read)
    {
        var total = new ResourceList();
        foreach (var container in (spec?["containers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            total = total.Plus(read(container));
        }

        var sidecars = new ResourceList();
        var init = new ResourceList();
        foreach (var container in (spec?["initContainers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var own = read(container);
            ResourceList running;
            if ((string?)container["restartPolicy"] == "Always")
            {
                total = total.Plus(own);
                sidecars = sidecars.Plus(own);
                running = sidecars;
            }
            else
            {
                running = own.Plus(sidecars);
            }

            Max(init, running);
        }

        Max(total, init);
        return total;
    }

    private static void Max(ResourceList into, ResourceList other)
    {
        foreach (var (name, quantity) in other)
        {
            if (!into.TryGetValue(name, out var existing) || quantity > existing)
            {
                into[name] = quantity;
            }
        }
    }
}
