using System.Text.Json.Nodes;

namespace Labs.Cluster.Schema;

/// <summary>Defaults of DaemonSet, StatefulSet, storage and network policy kinds.</summary>
public static partial class ObjectDefaults
{
    /// <summary>DaemonSet defaults: rolling update (1 unavailable, 0 surge), history 10, pod template defaults.</summary>
    internal static void ApplyDaemonSet(JsonObject obj)
    {
        JsonObject spec = Child(obj, "spec");
        JsonObject strategy = Child(spec, "updateStrategy");
        SetString(strategy, "type", "RollingUpdate");
        if (Text(strategy, "type") == "RollingUpdate")
        {
            JsonObject rolling = Child(strategy, "rollingUpdate");
            SetIfMissing(rolling, "maxUnavailable", 1);
            SetIfMissing(rolling, "maxSurge", 0);
        }

        SetIfMissing(spec, "revisionHistoryLimit", 10);
        ApplyPodSpec(Child(Child(spec, "template"), "spec"));
    }

    /// <summary>StatefulSet defaults: one replica, OrderedReady, rolling update, retention Retain, pod template defaults.</summary>
    internal static void ApplyStatefulSet(JsonObject obj)
    {
        JsonObject spec = Child(obj, "spec");
        SetIfMissing(spec, "replicas", 1);
        SetString(spec, "podManagementPolicy", "OrderedReady");
        JsonObject strategy = Child(spec, "updateStrategy");
        SetString(strategy, "type", "RollingUpdate");
        if (Text(strategy, "type") == "RollingUpdate")
        {
            SetIfMissing(Child(strategy, "rollingUpdate"), "partition", 0);
        }

        SetIfMissing(spec, "revisionHistoryLimit", 10);
        JsonObject retention = Child(spec, "persistentVolumeClaimRetentionPolicy");
        SetString(retention, "whenDeleted", "Retain");
        SetString(retention, "whenScaled", "Retain");
        foreach (JsonObject claim in Items(spec, "volumeClaimTemplates"))
        {
            SetString(Child(claim, "spec"), "volumeMode", "Filesystem");
        }

        ApplyPodSpec(Child(Child(spec, "template"), "spec"));
    }

    /// <summary>NetworkPolicy defaults: policyTypes from the rules present, TCP ports.</summary>
    internal static void ApplyNetworkPolicy(JsonObject obj)
    {
        JsonObject spec = Child(obj, "spec");
        if (spec["policyTypes"] is not JsonArray { Count: > 0 })
        {
            var types = new JsonArray("Ingress");
            if (spec["egress"] is JsonArray { Count: > 0 })
            {
                types.Add("Egress");
            }

            spec["policyTypes"] = types;
        }

        foreach (string direction in new[] { "ingress", "egress" })
        {
            foreach (JsonObject rule in Items(spec, direction))
            {
                foreach (JsonObject port in Items(rule, "ports"))
                {
                    SetString(port, "protocol", "TCP");
                }
            }
        }
    }
}
