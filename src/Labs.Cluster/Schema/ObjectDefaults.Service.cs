using System.Text.Json.Nodes;

namespace Labs.Cluster.Schema;

/// <summary>Service defaults.</summary>
public static partial class ObjectDefaults
{
    /// <summary>Service defaults: type, session affinity, protocols and target ports, IP families, traffic policies.</summary>
    internal static void ApplyService(JsonObject obj)
    {
        JsonObject spec = Child(obj, "spec");
        SetString(spec, "type", "ClusterIP");
        SetString(spec, "sessionAffinity", "None");
        if (Text(spec, "sessionAffinity") == "ClientIP")
        {
            SetIfMissing(Child(Child(spec, "sessionAffinityConfig"), "clientIP"), "timeoutSeconds", 10800);
        }

        foreach (JsonObject port in Items(spec, "ports"))
        {
            SetString(port, "protocol", "TCP");
            if (IsZeroOrMissing(port["targetPort"]) && port["port"] is JsonValue number)
            {
                port["targetPort"] = number.DeepClone();
            }
        }

        string type = Text(spec, "type")!;
        if (type != "ExternalName")
        {
            if (spec["ipFamilies"] is not JsonArray { Count: > 0 })
            {
                spec["ipFamilies"] = new JsonArray("IPv4");
            }

            SetString(spec, "ipFamilyPolicy", "SingleStack");
            SetString(spec, "internalTrafficPolicy", "Cluster");
        }

        if (type is "NodePort" or "LoadBalancer")
        {
            SetString(spec, "externalTrafficPolicy", "Cluster");
        }

        if (type == "LoadBalancer")
        {
            SetIfMissing(spec, "allocateLoadBalancerNodePorts", true);
        }

        SetIfMissing(Child(obj, "status"), "loadBalancer", new JsonObject());
    }
}
