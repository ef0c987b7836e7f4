using System.Text.Json.Nodes;
using Labs.Cluster.Registry.Core;
using Labs.Cluster.Workloads.Metrics;

namespace Labs.Cluster.Workloads.Containers;

/// <summary>
/// Load generators as the memory and CPU tutorials use them (<c>polinux/stress</c>): what they hold shows in their
/// usage, and one that holds more memory than its limit is OOMKilled and restarted with the back-off.
/// </summary>
public sealed class OomKillTests
{
    private const string Ns = "default";

    [Theory]
    [InlineData("""{"image":"polinux/stress","command":["stress"],"args":["--vm","1","--vm-bytes","150M","--vm-hang","1"]}""", 150L * 1024 * 1024, null)]
    [InlineData("""{"image":"polinux/stress","command":["stress"],"args":["--vm","2","--vm-bytes=10M"]}""", 20L * 1024 * 1024, null)]
    [InlineData("""{"image":"polinux/stress","args":["--vm","1"]}""", 256L * 1024 * 1024, null)]
    [InlineData("""{"image":"colinianking/stress-ng","command":["stress-ng","--cpu","2"]}""", null, 2.0)]
    [InlineData("""{"image":"vish/stress","args":["-cpus","2"]}""", null, 2.0)]
    public void A_load_generators_command_says_what_it_holds(string container, long? memory, double? cores)
    {
        var demand = ContainerDemand.Of(JsonNode.Parse(container)!.AsObject());
        Assert.Equal((memory, cores), (demand?.MemoryBytes, demand?.Cores));
    }

    [Theory]
    [InlineData("""{"image":"nginx"}""")]
    [InlineData("""{"image":"busybox","command":["sh","-c","stress --vm 1"]}""")]
    public void Other_containers_have_no_demand(string container) => Assert.Null(ContainerDemand.Of(JsonNode.Parse(container)!.AsObject()));

    [Fact]
    public async Task A_stress_container_over_its_memory_limit_is_OOMKilled_and_backs_off_and_one_within_it_uses_what_it_holds()
    {
        await using var f = new SimulatorFixture();
        f.Store.Create(WorkloadResources.Pods, Ns, Pod("memory-demo-2", "250M", "100Mi"));
        f.Store.Create(WorkloadResources.Pods, Ns, Pod("memory-demo", "150M", "200Mi"));

        var pod = await Eventually.WaitAsync(() => f.Store.Get(WorkloadResources.Pods, Ns, "memory-demo-2") is { } p &&
            p.Arr("status", "containerStatuses")?[0]?.Str("lastState", "terminated", "reason") == "OOMKilled" ? p : null, "the container to be OOMKilled");
        var status = pod.Arr("status", "containerStatuses")![0]!;
        Assert.Equal(137, status.Long("lastState", "terminated", "exitCode"));
        Assert.True(status.Long("restartCount") >= 1);
        await Eventually.WaitAsync(() => f.Store.Get(WorkloadResources.Pods, Ns, "memory-demo-2") is { } p &&
            PodPrinter.Cells(p, DateTimeOffset.UtcNow).Status is "OOMKilled" or "CrashLoopBackOff" ? p : null, "kubectl get pods to show it");

        var within = await Eventually.WaitAsync(() => f.Store.Get(WorkloadResources.Pods, Ns, "memory-demo") is { } p && p.Str("status", "phase") == "Running" ? p : null,
            "the pod within its limit to run");
        var usage = SimulatedUsage.Of(within, within.Arr("spec", "containers")![0]!.AsObject());
        Assert.Equal(151L * 1024 * 1024, usage.MemoryBytes);
        Assert.Equal(0, within.Arr("status", "containerStatuses")![0]!.Long("restartCount"));
    }

    private static JsonObject Pod(string name, string holds, string limit) => JsonNode.Parse($$"""
        { "apiVersion": "v1", "kind": "Pod", "metadata": { "name": "{{name}}", "namespace": "{{Ns}}" },
          "spec": { "containers": [ { "name": "memory-demo-ctr", "image": "polinux/stress",
            "resources": { "requests": { "memory": "50Mi" }, "limits": { "memory": "{{limit}}" } },
            "command": ["stress"], "args": ["--vm", "1", "--vm-bytes", "{{holds}}", "--vm-hang", "1"] } ] } }
        """)!.AsObject();
}
