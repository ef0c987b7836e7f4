using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Autoscaling;

/// <summary>
/// HorizontalPodAutoscalers (pkg/registry/autoscaling): served as autoscaling/v2 (stored, preferred) and autoscaling/v1
/// (<c>kubectl autoscale</c> writes it), converted between the two as kube-apiserver converts them.
/// </summary>
internal static class HorizontalPodAutoscalerStrategies
{
    private static readonly string[] ShortNames = ["hpa"];
    private static readonly string[] AllCategory = ["all"];
    private static readonly string[] StatusOnly = ["status"];

    /// <summary>The registry entry of autoscaling/v2 <c>horizontalpodautoscalers</c>.</summary>
    public static ResourceStrategy V2 { get; } = new(Definition("v2"))
    {
        PrepareForCreate = obj => obj["status"] = new JsonObject { ["desiredReplicas"] = 0 },
        Defaults = Defaults,
        Validate = (obj, errors) =>
        {
            var min = Access.JsonFields.Int64(obj["spec"]?["minReplicas"]);
            var max = Access.JsonFields.Int64(obj["spec"]?["maxReplicas"]) ?? 0;
            if (min is < 1)
            {
                errors.Invalid("spec.minReplicas", min.Value.ToString(CultureInfo.InvariantCulture), "must be greater than or equal to 1");
            }

            if (max < 1)
            {
                errors.Invalid("spec.maxReplicas", max.ToString(CultureInfo.InvariantCulture), "must be greater than or equal to 1");
            }
            else if (min is { } low && low > max)
            {
                errors.Invalid("spec.maxReplicas", max.ToString(CultureInfo.InvariantCulture), "must be greater than or equal to `minReplicas`");
            }
        },
        Columns =
        [
            NameColumn,
            Col("Reference", "string", (o, _) => $"{S(o, "spec.scaleTargetRef.kind")}/{S(o, "spec.scaleTargetRef.name")}",
                description: "scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count."),
            Col("Targets", "string", (o, _) => Targets(o), description: "metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used)."),
            Col("MinPods", "string", (o, _) => At(o, "spec.minReplicas") is null ? "<unset>" : L(o, "spec.minReplicas").ToString(CultureInfo.InvariantCulture),
                description: "minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down."),
            Col("MaxPods", "string", (o, _) => L(o, "spec.maxReplicas"), description: "maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up."),
            Col("Replicas", "string", (o, _) => L(o, "status.currentReplicas"), description: "currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler."),
            AgeColumn,
        ],
    };

    /// <summary>The registry entry of autoscaling/v1 <c>horizontalpodautoscalers</c>, converted to and from v2.</summary>
    public static ResourceStrategy V1 { get; } = new(Definition("v1"))
    {
        Columns = V2.Columns,
        ToStorage = HorizontalPodAutoscalerConversion.ToV2,
        FromStorage = HorizontalPodAutoscalerConversion.ToV1,
    };

    private static ResourceDefinition Definition(string version) =>
        new("autoscaling", version, "horizontalpodautoscalers", "horizontalpodautoscaler", "HorizontalPodAutoscaler", true,
            ShortNames, AllCategory, ResourceDefinition.AllVerbs, StatusOnly);

    // SetDefaults_HorizontalPodAutoscaler (v2): one replica at least, 80% CPU. A behavior is defaulted only when given
    // (SetDefaults_HorizontalPodAutoscalerBehavior): what it leaves out of each direction comes from the default rules.
    private static void Defaults(JsonObject obj)
    {
        var spec = obj["spec"] as JsonObject ?? [];
        obj["spec"] = spec;
        spec["minReplicas"] ??= 1;
        if (spec["metrics"] is not JsonArray { Count: > 0 })
        {
            spec["metrics"] = new JsonArray(HorizontalPodAutoscalerConversion.CpuMetric(80));
        }

        if (spec["behavior"] is not JsonObject behavior)
        {
            return;
        }

        behavior["scaleUp"] = ScalingRules(behavior["scaleUp"] as JsonObject, 0, Policy("Pods", 4), Policy("Percent", 100));
        // No default scale-down window: the controller's --horizontal-pod-autoscaler-downscale-stabilization decides.
        behavior["scaleDown"] = ScalingRules(behavior["scaleDown"] as JsonObject, null, Policy("Percent", 100));
    }

    // GenerateHPAScale{Up,Down}Rules: the given rules, each field that is not set taken from the defaults.
    private static JsonObject ScalingRules(JsonObject? given, int? stabilizationWindowSeconds, params JsonObject[] policies)
    {
        var rules = given ?? [];
        if (stabilizationWindowSeconds is { } window)
        {
            rules["stabilizationWindowSeconds"] ??= window;
        }

        rules["selectPolicy"] ??= "Max";
        rules["policies"] ??= new JsonArray(policies);
        return rules;
    }

    private static JsonObject Policy(string type, int value) => new() { ["type"] = type, ["value"] = value, ["periodSeconds"] = 15 };

    // formatHPAMetrics for the metric types learners use: Resource (utilization or value) and Pods; two at most.
    private static string Targets(JsonObject o)
    {
        var specs = Objects(At(o, "spec.metrics")).ToList();
        if (specs.Count == 0)
        {
            return None;
        }

        var statuses = Objects(At(o, "status.currentMetrics")).ToList();
        var list = new List<string>();
        for (var i = 0; i < specs.Count; i++)
        {
            var status = i < statuses.Count ? statuses[i] : null;
            list.Add(S(specs[i], "type") switch
            {
                "Resource" when At(specs[i], "resource.target.averageValue") is not null =>
                    $"{S(specs[i], "resource.name")}: {(status is null ? "<unknown>" : S(status, "resource.current.averageValue", "<unknown>"))}/{S(specs[i], "resource.target.averageValue")}",
                "Resource" =>
                    $"{S(specs[i], "resource.name")}: {(status is not null && At(status, "resource.current.averageUtilization") is not null ? L(status, "resource.current.averageUtilization") + "%" : "<unknown>")}/{(At(specs[i], "resource.target.averageUtilization") is null ? "<auto>" : L(specs[i], "resource.target.averageUtilization") + "%")}",
                "Pods" => $"{(status is null ? "<unknown>" : S(status, "pods.current.averageValue", "<unknown>"))}/{S(specs[i], "pods.target.averageValue")}",
                _ => "<unknown type>",
            });
        }

        return list.Count > 2 ? $"{string.Join(", ", list.Take(2))} + {list.Count - 2} more..." : string.Join(", ", list);
    }
}
