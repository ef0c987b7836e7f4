using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads;

/// <summary>
/// Inter-pod affinity and anti-affinity and topology spread constraints on the two simulated nodes, with the
/// scheduler's words when no node will do.
/// </summary>
public sealed class PodPlacementTests
{
    private const string Ns = "learner-8";
    private const string OnePerNode = """
        "affinity": { "podAntiAffinity": { "requiredDuringSchedulingIgnoredDuringExecution": [
          { "labelSelector": { "matchLabels": { "app": "web" } }, "topologyKey": "kubernetes.io/hostname" } ] } },
        """;

    [Fact]
    public async Task Required_anti_affinity_puts_one_replica_per_node_and_leaves_the_next_pending()
    {
        await using var f = new SimulatorFixture();
        CreatePod(f, "web-1", "web", OnePerNode);
        var first = await NodeOfAsync(f, "web-1");
        CreatePod(f, "web-2", "web", OnePerNode);
        Assert.NotEqual(first, await NodeOfAsync(f, "web-2"));

        CreatePod(f, "web-3", "web", OnePerNode);
        Assert.Equal("0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.",
            await UnschedulableAsync(f, "web-3"));
    }

    [Fact]
    public async Task Required_affinity_follows_the_pod_it_names_and_finds_no_node_when_none_runs()
    {
        await using var f = new SimulatorFixture();
        CreatePod(f, "cache", "cache", """ "nodeSelector": { "kubernetes.io/hostname": "labs-node-2" }, """);
        Assert.Equal("labs-node-2", await NodeOfAsync(f, "cache"));

        const string NearCache = """
            "affinity": { "podAffinity": { "requiredDuringSchedulingIgnoredDuringExecution": [
              { "labelSelector": { "matchExpressions": [ { "key": "app", "operator": "In", "values": ["cache"] } ] }, "topologyKey": "kubernetes.io/hostname" } ] } },
            """;
        CreatePod(f, "web", "web", NearCache);
        Assert.Equal("labs-node-2", await NodeOfAsync(f, "web"));

        CreatePod(f, "lonely", "web", NearCache.Replace("\"cache\"]", "\"missing\"]", StringComparison.Ordinal));
        Assert.Equal("0/2 nodes are available: 2 node(s) didn't match pod affinity rules. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
            await UnschedulableAsync(f, "lonely"));
    }

    [Fact]
    public async Task A_placed_pods_anti_affinity_keeps_the_pods_it_names_off_its_node()
    {
        await using var f = new SimulatorFixture();
        CreatePod(f, "quiet", "quiet", """
            "nodeSelector": { "kubernetes.io/hostname": "labs-node-1" },
            "affinity": { "podAntiAffinity": { "requiredDuringSchedulingIgnoredDuringExecution": [
              { "labelSelector": { "matchLabels": { "app": "noisy" } }, "topologyKey": "kubernetes.io/hostname" } ] } },
            """);
        Assert.Equal("labs-node-1", await NodeOfAsync(f, "quiet"));

        CreatePod(f, "noisy-1", "noisy", """ "nodeSelector": { "kubernetes.io/hostname": "labs-node-1" }, """);
        Assert.Equal("0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) didn't satisfy existing pods anti-affinity rules. " +
                     "preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.",
            await UnschedulableAsync(f, "noisy-1"));
        CreatePod(f, "noisy-2", "noisy");
        Assert.Equal("labs-node-2", await NodeOfAsync(f, "noisy-2"));
    }

    [Fact]
    public async Task A_topology_spread_constraint_keeps_the_nodes_within_max_skew_and_needs_its_label()
    {
        await using var f = new SimulatorFixture();
        const string Spread = """
            "topologySpreadConstraints": [ { "maxSkew": 1, "topologyKey": "kubernetes.io/hostname", "whenUnsatisfiable": "DoNotSchedule",
              "labelSelector": { "matchLabels": { "app": "spread" } } } ],
            """;

        // Even with a preference for the first node, the skew would exceed 1: the pods alternate.
        const string PreferFirst = """
            "affinity": { "nodeAffinity": { "preferredDuringSchedulingIgnoredDuringExecution": [
              { "weight": 100, "preference": { "matchFields": [ { "key": "metadata.name", "operator": "In", "values": ["labs-node-1"] } ] } } ] } },
            """;
        var nodes = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            CreatePod(f, $"spread-{i}", "spread", Spread + PreferFirst);
            nodes.Add(await NodeOfAsync(f, $"spread-{i}"));
        }

        Assert.Equal(2, nodes.Count(n => n == "labs-node-1"));
        Assert.Equal(2, nodes.Count(n => n == "labs-node-2"));

        CreatePod(f, "zoned", "spread", Spread.Replace("kubernetes.io/hostname", "topology.kubernetes.io/zone", StringComparison.Ordinal));
        Assert.Equal("0/2 nodes are available: 2 node(s) didn't match pod topology spread constraints (missing required label). " +
                     "preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
            await UnschedulableAsync(f, "zoned"));
    }

    [Fact]
    public async Task A_sidecars_requests_add_to_its_pods_while_an_init_containers_only_count_while_it_runs()
    {
        await using var f = new SimulatorFixture();
        const string Init = """
            "initContainers": [
              { "name": "proxy", "image": "nginx", "restartPolicy": "Always", "resources": { "requests": { "cpu": "1500m" } } },
              { "name": "setup", "image": "busybox", "command": ["true"], "resources": { "requests": { "cpu": "500m" } } } ],
            """;
        CreatePod(f, "fits", "a", Init.Replace("1500m", "500m", StringComparison.Ordinal));
        await NodeOfAsync(f, "fits");

        // 1.5 cores of sidecar and 1 of app: more than a 2-core node, though each alone would fit.
        f.Store.Create(WorkloadResources.Pods, Ns, (JsonObject)JsonNode.Parse($$"""
            { "apiVersion": "v1", "kind": "Pod", "metadata": { "name": "too-big", "namespace": "{{Ns}}" },
              "spec": { {{Init}} "containers": [ { "name": "app", "image": "nginx", "resources": { "requests": { "cpu": "1" } } } ] } }
            """)!);
        Assert.StartsWith("0/2 nodes are available: 2 Insufficient cpu.", await UnschedulableAsync(f, "too-big"), StringComparison.Ordinal);
    }

    private static void CreatePod(SimulatorFixture f, string name, string app, string extraSpec = "") =>
        f.Store.Create(WorkloadResources.Pods, Ns, (JsonObject)JsonNode.Parse($$"""
            { "apiVersion": "v1", "kind": "Pod", "metadata": { "name": "{{name}}", "namespace": "{{Ns}}", "labels": { "app": "{{app}}" } },
              "spec": { {{extraSpec}} "containers": [ { "name": "app", "image": "nginx" } ] } }
            """)!);

    private static async Task<string> NodeOfAsync(SimulatorFixture f, string name) =>
        (await Eventually.WaitAsync(() => f.Store.Get(WorkloadResources.Pods, Ns, name)?.Str("spec", "nodeName") is { Length: > 0 } node ? node : null,
            $"pod {name} to be bound"));

    private static Task<string> UnschedulableAsync(SimulatorFixture f, string name) =>
        Eventually.WaitAsync(() => f.Store.Get(WorkloadResources.Pods, Ns, name)?.Arr("status", "conditions").Objects()
            .FirstOrDefault(c => c.Str("reason") == "Unschedulable")?.Str("message"), $"pod {name} to be unschedulable");
}
