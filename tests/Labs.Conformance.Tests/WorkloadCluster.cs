namespace Labs.Conformance.Tests;

/// <summary>A <see cref="KubectlCluster"/> whose controllers, scheduler and kubelet run, so pods come up.</summary>
public sealed class WorkloadCluster : KubectlCluster
{
    protected override bool RunWorkloads => true;
}
