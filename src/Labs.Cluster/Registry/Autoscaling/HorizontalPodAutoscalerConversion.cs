using System.Text.Json.Nodes;

namespace Labs.Cluster.Registry.Autoscaling;

/// <summary>
/// autoscaling/v1 and v2 HorizontalPodAutoscalers as kube-apiserver converts them: v1's CPU target is v2's Resource cpu
/// Utilization metric, in both spec and status. (v1 cannot express other metrics; they are not carried through it.)
/// </summary>
internal static class HorizontalPodAutoscalerConversion
{
    /// <summary>A v2 Resource metric targeting an average CPU utilization.</summary>
    public static JsonObject CpuMetric(long percent) => new()
    {
        ["type"] = "Resource",
        ["resource"] = new JsonObject
        {
            ["name"] = "cpu",
            ["target"] = new JsonObject { ["type"] = "Utilization", ["averageUtilization"] = percent },
        },
    };

    /// <summary>The v2 form of a v1 autoscaler.</summary>
    public static JsonObject ToV2(JsonObject v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var v2 = v1.DeepClone().AsObject();
        v2["apiVersion"] = "autoscaling/v2";
        if (v2["spec"] is JsonObject spec && spec["targetCPUUtilizationPercentage"] is { } target)
        {
            spec.Remove("targetCPUUtilizationPercentage");
            spec["metrics"] = new JsonArray(CpuMetric(Access.JsonFields.Int64(target) ?? 0));
        }

        if (v2["status"] is JsonObject status && status["currentCPUUtilizationPercentage"] is { } current)
        {
            status.Remove("currentCPUUtilizationPercentage");
            status["currentMetrics"] = new JsonArray(new JsonObject
            {
                ["type"] = "Resource",
                ["resource"] = new JsonObject
                {
                    ["name"] = "cpu",
                    ["current"] = new JsonObject { ["averageUtilization"] = current.DeepClone() },
                },
            });
        }

        return v2;
    }

    /// <summary>The v1 form of a stored v2 autoscaler.</summary>
    public static JsonObject ToV1(JsonObject v2)
    {
        ArgumentNullException.ThrowIfNull(v2);
        var v1 = v2.DeepClone().AsObject();
        v1["apiVersion"] = "autoscaling/v1";
        if (v1["spec"] is JsonObject spec)
        {
            var cpu = (spec["metrics"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(IsCpuUtilization);
            spec.Remove("metrics");
            spec.Remove("behavior");
            if (cpu?["resource"]?["target"]?["averageUtilization"] is { } percent)
            {
                spec["targetCPUUtilizationPercentage"] = percent.DeepClone();
            }
        }

        var status = v1["status"] as JsonObject ?? [];
        v1["status"] = status;
        var current = (status["currentMetrics"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(m => (string?)m["type"] == "Resource" && (string?)m["resource"]?["name"] == "cpu");
        status.Remove("currentMetrics");
        status.Remove("conditions");
        if (current?["resource"]?["current"]?["averageUtilization"] is { } utilization)
        {
            status["currentCPUUtilizationPercentage"] = utilization.DeepClone();
        }

        // Plain int32 fields of the v1 status: always present, zero when unknown.
        status["currentReplicas"] ??= 0;
        status["desiredReplicas"] ??= 0;
        return v1;
    }

    private static bool IsCpuUtilization(JsonObject metric) =>
        (string?)metric["type"] == "Resource" && (string?)metric["resource"]?["name"] == "cpu"
        && (string?)metric["resource"]?["target"]?["type"] == "Utilization";
}
