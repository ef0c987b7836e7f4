using Labs.Cluster.Api;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Coordination;

/// <summary>Leases (coordination.k8s.io/v1): node heartbeats and leader election.</summary>
internal static class LeaseStrategy
{
    /// <summary>The registry entry of <c>leases</c>.</summary>
    public static ResourceStrategy Entry { get; } = new(new ResourceDefinition(
        "coordination.k8s.io", "v1", "leases", "lease", "Lease", true, [], [], ResourceDefinition.AllVerbs, []))
    {
        Columns =
        [
            NameColumn,
            Col("Holder", "string", (o, _) => S(o, "spec.holderIdentity"), description: "holderIdentity contains the identity of the holder of a current lease."),
            AgeColumn,
        ],
    };
}
