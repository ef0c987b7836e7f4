namespace Labs.Conformance.Tests.Client;

/// <summary>A <see cref="ClientCluster"/> whose controllers, scheduler and kubelet run, so pods come up and exec works.</summary>
public sealed class WorkloadClientCluster : ClientCluster
{
    protected override bool RunWorkloads => true;
}
