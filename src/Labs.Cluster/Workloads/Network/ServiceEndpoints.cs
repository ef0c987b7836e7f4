using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads.Network;

/// <summary>A Service's ready addresses as its Endpoints list them, each with the subset it belongs to (for its ports).</summary>
internal static class ServiceEndpoints
{
    public static IEnumerable<(JsonObject Subset, JsonObject Address)> Ready(IObjectStore store, string ns, string service) =>
        store.Get(WorkloadResources.Endpoints, ns, service)?.Arr("subsets").Objects()
            .SelectMany(subset => subset.Arr("addresses").Objects().Select(address => (subset, address))) ?? [];
}
