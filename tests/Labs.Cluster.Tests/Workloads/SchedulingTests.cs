using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads;

/// <summary>
/// Taints and tolerations, node affinity, and the eviction of pods a NoExecute taint no longer lets run, on the two
/// simulated nodes, with the scheduler's and the taint-eviction controller's words.
/// </summary>
public sealed class SchedulingTests
{
    private const string Ns = "learner-7";

    private static void Taint(SimulatorFixture f, string node, params JsonObject[] taints)
    {
        var current = f.Store.Get(WorkloadResources.Nodes, null, node)!;
        current.Ensure("spec")["taints"] = new JsonArray([.. taints]);
        f.Store.Update(WorkloadResources.Nodes, null, current);
    }

    private static JsonObject TaintOf(string key, string value, string effect) => new() { ["key"] = key, ["value"] = value, ["effect"] = effect };

    private static void CreatePod(SimulatorFixture f, string name, string extraSpec = "") =>
        f.Store.Create(WorkloadResources.Pods, Ns, (JsonObject)JsonNode.Parse($$"""
            { "apiVersion": "v1", "kind": "Pod", "metadata": { "name": "{{name}}" },
              "spec": { {{extraSpec}} "containers": [ { "name": "app", "image": "nginx" } ] } }
            """)!);

    private static Task<JsonObject> BoundAsync(SimulatorFixture f, string name) =>
        Eventually.WaitAsync(() => f.Store.Get(WorkloadResources.Pods, Ns, name) is { } p && !string.IsNullOrEmpty(p.Str("spec", "nodeName")) ? p : null, $"pod {name} to be bound");

    private static Task<string> UnschedulableAsync(SimulatorFixture f, string name) =>
        Eventually.WaitAsync(() => f.Store.Get(WorkloadResources.Pods, Ns, name)?.Arr("status", "conditions").Objects()
            .FirstOrDefault(c => c.Str("reason") == "Unschedulable")?.Str("message"), $"pod {name} to be unschedulable");

    [Fact]
    public async Task A_pod_that_tolerates_no_taint_stays_pending_and_a_toleration_lets_it_in()
    {
        await using var f = new SimulatorFixture();
        Taint(f, "labs-node-1", TaintOf("dedicated", "gpu", "NoSchedule"));
        Taint(f, "labs-node-2", TaintOf("dedicated", "gpu", "NoSchedule"), TaintOf("zone", "b", "NoExecute"));

        CreatePod(f, "plain");
        CreatePod(f, "tolerant", """ "tolerations": [ { "key": "dedicated", "operator": "Equal", "value": "gpu", "effect": "NoSchedule" } ], """);
        CreatePod(f, "anything", """ "tolerations": [ { "operator": "Exists" } ], """);

        Assert.Equal("0/2 nodes are available: 2 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
            await UnschedulableAsync(f, "plain"));
        Assert.Equal("labs-node-1", (await BoundAsync(f, "tolerant")).Str("spec", "nodeName"));
        await BoundAsync(f, "anything");
    }

    [Fact]
    public async Task Required_node_affinity_picks_the_nodes_it_names_and_preferred_affinity_wins_over_load()
    {
        await using var f = new SimulatorFixture();
        CreatePod(f, "pinned", """
            "affinity": { "nodeAffinity": { "requiredDuringSchedulingIgnoredDuringExecution": { "nodeSelectorTerms": [
              { "matchExpressions": [ { "key": "kubernetes.io/hostname", "operator": "In", "values": ["labs-node-2"] } ] } ] } } },
            """);
        CreatePod(f, "nowhere", """
            "affinity": { "nodeAffinity": { "requiredDuringSchedulingIgnoredDuringExecution": { "nodeSelectorTerms": [
              { "matchExpressions": [ { "key": "disktype", "operator": "Exists" } ] } ] } } },
            """);
        Assert.Equal("labs-node-2", (await BoundAsync(f, "pinned")).Str("spec", "nodeName"));

        CreatePod(f, "preferring", """
            "affinity": { "nodeAffinity": { "preferredDuringSchedulingIgnoredDuringExecution": [
              { "weight": 50, "preference": { "matchFields": [ { "key": "metadata.name", "operator": "In", "values": ["labs-node-2"] } ] } } ] } },
            """);

        Assert.Equal("labs-node-2", (await BoundAsync(f, "preferring")).Str("spec", "nodeName"));
        Assert.Equal("0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
            await UnschedulableAsync(f, "nowhere"));
    }

    [Fact]
    public async Task A_NoExecute_taint_evicts_the_pods_that_do_not_tolerate_it_and_those_whose_toleration_runs_out()
    {
        await using var f = new SimulatorFixture();
        var pinned = """ "nodeName": "labs-node-1", """;
        CreatePod(f, "evicted", pinned);
        CreatePod(f, "brief", pinned + """ "tolerations": [ { "key": "maintenance", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 1 } ], """);
        CreatePod(f, "stays", pinned + """ "tolerations": [ { "key": "maintenance", "operator": "Exists", "effect": "NoExecute" } ], """);
        await Eventually.WaitAsync(() => f.Pods(Ns).Count(p => p.Str("status", "phase") == "Running") == 3, "three running pods");

        Taint(f, "labs-node-1", TaintOf("maintenance", "now", "NoExecute"));

        await Eventually.WaitAsync(() => f.Store.Get(WorkloadResources.Pods, Ns, "evicted") is null, "the untolerating pod to be evicted");
        await Eventually.WaitAsync(() => f.Store.Get(WorkloadResources.Pods, Ns, "brief") is null, "the pod to go once its toleration ran out");
        Assert.NotNull(f.Store.Get(WorkloadResources.Pods, Ns, "stays"));
        var evictions = f.Store.List(new Labs.Cluster.Storage.GroupResource("", "events"), Ns).Items
            .Where(e => e.Str("reason") == "TaintManagerEviction").Select(e => e.Str("message")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([$"Marking for deletion Pod {Ns}/brief", $"Marking for deletion Pod {Ns}/evicted"], evictions);
    }
}
