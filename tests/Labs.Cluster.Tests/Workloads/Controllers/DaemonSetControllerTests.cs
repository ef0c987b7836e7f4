using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>One daemon pod per eligible node: selectors, taints, cordoned nodes, template changes and the status.</summary>
public sealed class DaemonSetControllerTests
{
    private const string Ns = "learner-8";
    private static readonly GroupResource DaemonSets = new("apps", "daemonsets");
    private static readonly GroupResource Revisions = new("apps", "controllerrevisions");

    private static JsonObject DaemonSet(string name, string extraSpec = "") => (JsonObject)JsonNode.Parse($$"""
        { "apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": { "name": "{{name}}", "generation": 1 },
          "spec": { "selector": { "matchLabels": { "app": "{{name}}" } },
            "template": { "metadata": { "labels": { "app": "{{name}}" } },
              "spec": { {{extraSpec}} "containers": [ { "name": "agent", "image": "nginx" } ] } } } }
        """)!;

    private static List<JsonObject> Daemons(SimulatorFixture f, string name) =>
        [.. f.Pods(Ns).Where(p => p.Str("metadata", "labels", "app") == name && p.At("metadata", "deletionTimestamp") is null)];

    private static void Change(SimulatorFixture f, GroupResource resource, string? ns, string name, Action<JsonObject> change)
    {
        var obj = f.Store.Get(resource, ns, name)!;
        change(obj);
        f.Store.Update(resource, ns, obj);
    }

    [Fact]
    public async Task Every_node_runs_one_daemon_pinned_to_it_and_the_status_counts_them()
    {
        await using var f = new SimulatorFixture();
        f.Store.Create(DaemonSets, Ns, DaemonSet("agent"));

        var ds = await Eventually.WaitAsync(() => f.Store.Get(DaemonSets, Ns, "agent") is { } d && d.Long("status", "numberAvailable") == 2 ? d : null, "two available daemons");

        var pods = Daemons(f, "agent");
        Assert.Equal(["labs-node-1", "labs-node-2"], pods.Select(p => p.Str("spec", "nodeName")).Order(StringComparer.Ordinal));
        Assert.All(pods, p =>
        {
            Assert.StartsWith("agent-", p.Name(), StringComparison.Ordinal);
            Assert.Equal("DaemonSet", p.ControllerRef()!.Str("kind"));
            Assert.Contains(p.Arr("spec", "tolerations").Objects(), t => t.Str("key") == "node.kubernetes.io/unschedulable" && t.Str("operator") == "Exists");
            var field = p.Arr("spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms").Objects().Single()
                .Arr("matchFields").Objects().Single();
            Assert.Equal(p.Str("spec", "nodeName"), field.Arr("values")![0]!.GetValue<string>());
            Assert.Equal("1", p.Str("metadata", "labels", "pod-template-generation"));
        });
        var status = ds.Obj("status")!;
        Assert.Equal((2, 2, 2, 0, 2), (status.Long("desiredNumberScheduled"), status.Long("currentNumberScheduled"), status.Long("numberReady"),
            status.Long("numberMisscheduled"), status.Long("updatedNumberScheduled")));
        Assert.Null(status["numberUnavailable"]);
        var revision = Assert.Single(f.List(Revisions, Ns));
        Assert.Equal(1, revision.Long("revision"));
        Assert.All(pods, p => Assert.Equal(revision.Str("metadata", "labels", "controller-revision-hash"), p.Str("metadata", "labels", "controller-revision-hash")));
    }

    [Fact]
    public async Task A_node_selector_or_an_untolerated_taint_keeps_daemons_off_a_node_and_a_new_label_brings_one()
    {
        await using var f = new SimulatorFixture();
        Change(f, WorkloadResources.Nodes, null, "labs-node-2", n => n.Ensure("spec")["taints"] = new JsonArray(new JsonObject { ["key"] = "gpu", ["value"] = "yes", ["effect"] = "NoSchedule" }));
        f.Store.Create(DaemonSets, Ns, DaemonSet("tainted"));
        f.Store.Create(DaemonSets, Ns, DaemonSet("picky", """ "nodeSelector": { "disk": "ssd" }, """));

        await Eventually.WaitAsync(() => f.Store.Get(DaemonSets, Ns, "tainted")?.Long("status", "numberAvailable") == 1, "one daemon off the tainted node");
        Assert.Equal("labs-node-1", Assert.Single(Daemons(f, "tainted")).Str("spec", "nodeName"));
        await Eventually.WaitAsync(() => f.Store.Get(DaemonSets, Ns, "picky")?.At("status", "desiredNumberScheduled") is not null, "the picky set's status");
        Assert.Empty(Daemons(f, "picky"));

        Change(f, WorkloadResources.Nodes, null, "labs-node-1", n => n.Ensure("metadata").Ensure("labels")["disk"] = "ssd");

        var pod = await Eventually.WaitAsync(() => Daemons(f, "picky").SingleOrDefault(), "a daemon on the newly labelled node");
        Assert.Equal("labs-node-1", (await Eventually.WaitAsync(() => f.Store.Get(WorkloadResources.Pods, Ns, pod.Name()) is { } p && p.Str("spec", "nodeName") is { Length: > 0 } ? p : null, "it to be bound")).Str("spec", "nodeName"));
    }

    [Fact]
    public async Task A_new_template_replaces_each_daemon_once_under_a_second_revision()
    {
        await using var f = new SimulatorFixture();
        f.Store.Create(DaemonSets, Ns, DaemonSet("agent"));
        await Eventually.WaitAsync(() => f.Store.Get(DaemonSets, Ns, "agent")?.Long("status", "numberAvailable") == 2, "two available daemons");

        Change(f, DaemonSets, Ns, "agent", d =>
        {
            d.Obj("spec", "template", "spec")!.Arr("containers")![0]!["image"] = "nginx:1.27";
            d.Ensure("metadata")["generation"] = 2;
        });

        await Eventually.WaitAsync(() => Daemons(f, "agent") is { Count: 2 } pods && pods.All(p => p.Arr("spec", "containers")![0]!.Str("image") == "nginx:1.27")
            && f.Store.Get(DaemonSets, Ns, "agent")?.Long("status", "numberAvailable") == 2, "the rollout");
        Assert.Equal([1, 2], f.List(Revisions, Ns).Select(r => r.Long("revision") ?? 0).Order());
        var deletions = f.Store.List(new GroupResource("", "events"), Ns).Items.Count(e => e.Str("reason") == "SuccessfulDelete");
        Assert.Equal(2, deletions);
    }
}
