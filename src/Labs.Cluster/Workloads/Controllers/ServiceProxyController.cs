using Labs.Cluster.Storage;
using Labs.Cluster.Workloads.Network;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>
/// kube-proxy's watch of Services for the cluster network: the network listens on every TCP port a Service has (and on
/// the ports simulated images serve, from the start), and <see cref="ServiceRouter"/> takes each connection on.
/// </summary>
internal sealed class ServiceProxyController(ClusterNetwork network, ServiceRouter router, IReadOnlyList<int> servedPorts) : IController
{
    private static readonly WorkItem All = new(WorkloadResources.Services, null, "");

    /// <inheritdoc />
    public string Name => "kube-proxy";

    /// <inheritdoc />
    public IEnumerable<WorkItem> KeysFor(StoreEvent change)
    {
        if (change.Resource == WorkloadResources.Services)
        {
            yield return All;
        }
    }

    /// <inheritdoc />
    public IEnumerable<WorkItem> Resync() => [All];

    /// <inheritdoc />
    public TimeSpan? Reconcile(WorkItem item, WorkQueue queue)
    {
        network.ListenOn(servedPorts.Concat(router.ServicePorts()));
        return null;
    }
}
