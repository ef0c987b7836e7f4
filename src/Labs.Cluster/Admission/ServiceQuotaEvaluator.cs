using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Admission;

/// <summary>Services: their count, and the node ports and load balancers their type asks for (a type can change, so updates count too).</summary>
internal sealed class ServiceQuotaEvaluator() : QuotaEvaluator(new GroupResource(string.Empty, "services"))
{
    private static readonly string[] Names = ["count/services", "services", "services.nodeports", "services.loadbalancers"];

    /// <inheritdoc />
    public override bool Handles(AdmissionOperation operation) => true;

    /// <inheritdoc />
    public override IReadOnlyList<string> MatchingResources(IEnumerable<string> names) => names.Where(Names.Contains).ToList();

    /// <inheritdoc />
    public override ResourceList Usage(JsonObject obj, DateTimeOffset now)
    {
        var ports = (obj["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var nodePorts = 0;
        var loadBalancers = 0;
        switch ((string?)obj["spec"]?["type"])
        {
            case "NodePort":
                nodePorts = ports.Count;
                break;
            case "LoadBalancer":
                // Without allocated node ports only the ports that name one explicitly take one.
                nodePorts = obj["spec"]?["allocateLoadBalancerNodePorts"]?.GetValueKind() == System.Text.Json.JsonValueKind.False
                    ? ports.Count(p => p["nodePort"] is JsonValue v && v.ToJsonString() != "0")
                    : ports.Count;
                loadBalancers = 1;
                break;
        }

        return new ResourceList
        {
            ["count/services"] = Quantity.FromInteger(1),
            ["services"] = Quantity.FromInteger(1),
            ["services.nodeports"] = Quantity.FromInteger(nodePorts),
            ["services.loadbalancers"] = Quantity.FromInteger(loadBalancers),
        };
    }
}
