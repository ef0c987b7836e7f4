namespace Labs.Conformance.Tests;

/// <summary>A <see cref="WorkloadCluster"/> whose pods share the cluster network (pod and Service IPs).</summary>
public sealed class NetworkCluster : KubectlCluster
{
    protected override bool RunWorkloads => true;

    protected override bool ClusterNetwork => true;
}
