using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads;

/// <summary>The controllers against the cluster's real store (namespaces must exist, writes that change nothing are no-ops).</summary>
public sealed class InMemoryStoreWorkloadTests
{
    private const string Ns = "learner-7";

    [Fact]
    public async Task A_deployment_rolls_out_scales_and_updates_against_the_real_store()
    {
        var store = new InMemoryObjectStore();
        store.Create(new GroupResource("", "namespaces"), null, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = Ns } });
        await using var f = new SimulatorFixture(TimeSpan.FromMilliseconds(200), store);
        f.Store.Create(WorkloadResources.Deployments, Ns, SimulatorFixture.Deployment("api", 2, "nginx:1.27"));

        await Eventually.WaitAsync(() => Available(f, 2), "2 available replicas");
        Assert.Equal(2, f.Store.List(WorkloadResources.Nodes, null).Items.Count);

        var deploy = f.Store.Get(WorkloadResources.Deployments, Ns, "api")!;
        deploy.Obj("spec")!["replicas"] = 3;
        deploy.Obj("spec", "template", "spec")!.Arr("containers")![0]!["image"] = "nginx:1.28";
        Retry(() => f.Store.Update(WorkloadResources.Deployments, Ns, deploy), f);

        await Eventually.WaitAsync(
            () => Available(f, 3) && f.Pods(Ns).Count == 3 && f.Pods(Ns).All(p => p.Arr("spec", "containers")![0]!.Str("image") == "nginx:1.28"),
            "the rollout to nginx:1.28 with 3 replicas");
        Assert.Equal(2, f.List(WorkloadResources.ReplicaSets, Ns).Count);
    }

    private static bool Available(SimulatorFixture f, int replicas) =>
        f.Store.Get(WorkloadResources.Deployments, Ns, "api") is { } d
        && d.Long("status", "observedGeneration") == d.Long("metadata", "generation")
        && d.Long("status", "availableReplicas") == replicas
        && d.Long("status", "updatedReplicas") == replicas
        && d.Long("status", "replicas") == replicas;

    private static void Retry(Action write, SimulatorFixture f)
    {
        try
        {
            write();
        }
        catch (Labs.Cluster.Api.ApiException ex) when (ex.Code == 409)
        {
            // The controller stamped the revision annotation in between: take the latest and reapply.
            var latest = f.Store.Get(WorkloadResources.Deployments, Ns, "api")!;
            latest.Obj("spec")!["replicas"] = 3;
            latest.Obj("spec", "template", "spec")!.Arr("containers")![0]!["image"] = "nginx:1.28";
            f.Store.Update(WorkloadResources.Deployments, Ns, latest);
        }
    }
}
