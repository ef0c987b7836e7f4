using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Admission;

/// <summary>The min, max and ratio checks of the LimitRanger plugin, with its exact messages.</summary>
internal static class LimitRangeConstraints
{
    /// <summary>Every violation of the range's Container and Pod items by the pod (PodValidateLimitFunc).</summary>
    public static List<string> CheckPod(JsonObject limitRange, JsonObject pod)
    {
        var errors = new List<string>();
        foreach (var item in Items(limitRange))
        {
            var type = (string?)item["type"];
            if (type == "Container")
            {
                foreach (var (container, _) in PodResources.Containers(pod["spec"] as JsonObject))
                {
                    Check(item, type, PodResources.Requests(container), PodResources.Limits(container), errors);
                }
            }
            else if (type == "Pod")
            {
                Check(item, type, PodResources.PodRequests(pod, overhead: false), PodResources.PodLimits(pod, overhead: false), errors);
            }
        }

        return errors;
    }

    /// <summary>Every violation of the range's PersistentVolumeClaim items by the claim's storage requests.</summary>
    public static List<string> CheckClaim(JsonObject limitRange, JsonObject claim)
    {
        var errors = new List<string>();
        var requests = ResourceList.Read(claim["spec"]?["resources"]?["requests"]);
        foreach (var item in Items(limitRange).Where(i => (string?)i["type"] == "PersistentVolumeClaim"))
        {
            foreach (var (name, min) in ResourceList.Read(item["min"]))
            {
                Add(errors, Min("PersistentVolumeClaim", name, min, requests, new ResourceList()));
            }

            foreach (var (name, max) in ResourceList.Read(item["max"]))
            {
                if (!requests.TryGetValue(name, out var request))
                {
                    errors.Add($"maximum {name} usage per PersistentVolumeClaim is {max}.  No request is specified");
                }
                else if (Compare(request, default, max) is var (r, _, e) && r > e)
                {
                    errors.Add($"maximum {name} usage per PersistentVolumeClaim is {max}, but request is {request}");
                }
            }
        }

        return errors;
    }

    private static IEnumerable<JsonObject> Items(JsonObject limitRange) => (limitRange["spec"]?["limits"] as JsonArray ?? []).OfType<JsonObject>();

    private static void Check(JsonObject item, string type, ResourceList requests, ResourceList limits, List<string> errors)
    {
        foreach (var (name, min) in ResourceList.Read(item["min"]))
        {
            Add(errors, Min(type, name, min, requests, limits));
        }

        foreach (var (name, max) in ResourceList.Read(item["max"]))
        {
            Add(errors, Max(type, name, max, requests, limits));
        }

        foreach (var (name, ratio) in ResourceList.Read(item["maxLimitRequestRatio"]))
        {
            Add(errors, Ratio(type, name, ratio, requests, limits));
        }
    }

    private static void Add(List<string> errors, string? error)
    {
        if (error is not null)
        {
            errors.Add(error);
        }
    }

    private static string? Min(string type, string name, Quantity enforced, ResourceList requests, ResourceList limits)
    {
        var hasRequest = requests.TryGetValue(name, out var request);
        var hasLimit = limits.TryGetValue(name, out var limit);
        var (r, l, e) = Compare(request, limit, enforced);
        if (!hasRequest)
        {
            return $"minimum {name} usage per {type} is {enforced}.  No request is specified";
        }

        if (r < e)
        {
            return $"minimum {name} usage per {type} is {enforced}, but request is {request}";
        }

        return hasLimit && l < e ? $"minimum {name} usage per {type} is {enforced}, but limit is {limit}" : null;
    }

    private static string? Max(string type, string name, Quantity enforced, ResourceList requests, ResourceList limits)
    {
        var hasRequest = requests.TryGetValue(name, out var request);
        var hasLimit = limits.TryGetValue(name, out var limit);
        var (r, l, e) = Compare(request, limit, enforced);
        if (!hasLimit)
        {
            return $"maximum {name} usage per {type} is {enforced}.  No limit is specified";
        }

        if (l > e)
        {
            return $"maximum {name} usage per {type} is {enforced}, but limit is {limit}";
        }

        return hasRequest && r > e ? $"maximum {name} usage per {type} is {enforced}, but request is {request}" : null;
    }

    private static string? Ratio(string type, string name, Quantity enforced, ResourceList requests, ResourceList limits)
    {
        var hasRequest = requests.TryGetValue(name, out var request);
        var hasLimit = limits.TryGetValue(name, out var limit);
        var (r, l, _) = Compare(request, limit, enforced);
        if (!hasRequest || r.IsZero)
        {
            return $"{name} max limit to request ratio per {type} is {enforced}, but no request is specified or request is 0";
        }

        if (!hasLimit || l.IsZero)
        {
            return $"{name} max limit to request ratio per {type} is {enforced}, but no limit is specified or limit is 0";
        }

        var observed = (double)l / (double)r;
        var display = observed;
        var allowed = (double)enforced.Value;
        if (enforced.Value <= Quantity.MaxMilliValue)
        {
            observed *= 1000;
            allowed = (double)enforced.MilliValue;
        }

        return observed > allowed
            ? $"{name} max limit to request ratio per {type} is {enforced}, but provided ratio is {display.ToString("F6", CultureInfo.InvariantCulture)}"
            : null;
    }

    /// <summary>The values at one common precision: thousandths when all three fit, else whole units (requestLimitEnforcedValues).</summary>
    private static (BigInteger Request, BigInteger Limit, BigInteger Enforced) Compare(Quantity request, Quantity limit, Quantity enforced)
    {
        if (request.Value <= Quantity.MaxMilliValue && limit.Value <= Quantity.MaxMilliValue && enforced.Value <= Quantity.MaxMilliValue)
        {
            return (request.MilliValue, limit.MilliValue, enforced.MilliValue);
        }

        return (request.Value, limit.Value, enforced.Value);
    }
}
