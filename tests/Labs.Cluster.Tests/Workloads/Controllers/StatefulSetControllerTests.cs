using System.Text.Json.Nodes;
using Labs.Cluster.Storage;
using Labs.Cluster.Workloads.Volumes;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>Stable pod names, ordered start and scale-down, per-pod claims that outlive their pods, and the rolling update.</summary>
public sealed class StatefulSetControllerTests
{
    private const string Ns = "learner-6";
    private static readonly GroupResource StatefulSets = new("apps", "statefulsets");

    private static SimulatorFixture NewFixture()
    {
        var f = SimulatorFixture.OverRegistry(Ns);
        f.Store.Create(PersistentVolumeController.Classes, null, (JsonObject)JsonNode.Parse("""
            { "apiVersion": "storage.k8s.io/v1", "kind": "StorageClass", "metadata": { "name": "standard" },
              "provisioner": "rancher.io/local-path", "reclaimPolicy": "Delete", "volumeBindingMode": "WaitForFirstConsumer" }
            """)!);
        f.Store.Create(StatefulSets, Ns, (JsonObject)JsonNode.Parse("""
            { "apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": { "name": "db" },
              "spec": { "serviceName": "db", "replicas": 3, "selector": { "matchLabels": { "app": "db" } },
                "template": { "metadata": { "labels": { "app": "db" } },
                  "spec": { "containers": [ { "name": "c", "image": "busybox", "command": ["sleep", "3600"],
                    "volumeMounts": [ { "name": "data", "mountPath": "/data" } ] } ] } },
                "volumeClaimTemplates": [ { "metadata": { "name": "data" },
                  "spec": { "storageClassName": "standard", "accessModes": ["ReadWriteOnce"], "resources": { "requests": { "storage": "1Gi" } } } } ] } }
            """)!);
        return f;
    }

    private static JsonObject? Set(SimulatorFixture f) => f.Store.Get(StatefulSets, Ns, "db");

    private static List<JsonObject> Live(SimulatorFixture f) =>
        [.. f.Pods(Ns).Where(p => p.At("metadata", "deletionTimestamp") is null).OrderBy(p => p.Name(), StringComparer.Ordinal)];

    [Fact]
    public async Task Pods_start_in_order_with_stable_names_hostnames_and_their_own_claims()
    {
        await using var f = NewFixture();

        await Eventually.WaitAsync(() => Set(f)?.Long("status", "readyReplicas") == 3, "three ready pods");

        var pods = Live(f);
        Assert.Equal(["db-0", "db-1", "db-2"], pods.Select(p => p.Name()));
        Assert.All(pods, p =>
        {
            Assert.Equal((p.Name(), "db"), (p.Str("spec", "hostname"), p.Str("spec", "subdomain")));
            Assert.Equal(p.Name(), p.Str("metadata", "labels", "statefulset.kubernetes.io/pod-name"));
            Assert.Equal($"data-{p.Name()}", p.Arr("spec", "volumes").Objects().Single(v => v.Str("name") == "data").Str("persistentVolumeClaim", "claimName"));
        });
        var started = pods.Select(p => p.Arr("status", "containerStatuses").Objects().Single().Str("state", "running", "startedAt")).ToList();
        Assert.Equal(started.Order(StringComparer.Ordinal), started);
        var claims = f.List(PersistentVolumeController.Claims, Ns).Select(c => (c.Name(), c.Str("status", "phase"), c.Str("metadata", "labels", "app"))).Order();
        Assert.Equal([("data-db-0", "Bound", "db"), ("data-db-1", "Bound", "db"), ("data-db-2", "Bound", "db")], claims);
        var messages = f.Store.List(new GroupResource("", "events"), Ns).Items.Select(e => e.Str("message")).ToList();
        Assert.Contains("create Claim data-db-0 Pod db-0 in StatefulSet db success", messages);
        Assert.Contains("create Pod db-2 in StatefulSet db successful", messages);
    }

    [Fact]
    public async Task Scaling_down_removes_the_highest_ordinals_and_keeps_their_claims_and_a_deleted_pod_comes_back_with_its_claim()
    {
        await using var f = NewFixture();
        await Eventually.WaitAsync(() => Set(f)?.Long("status", "readyReplicas") == 3, "three ready pods");
        var firstUid = Live(f).Single(p => p.Name() == "db-1").Uid();

        f.Store.Delete(WorkloadResources.Pods, Ns, "db-1", gracePeriodSeconds: 0);
        var back = await Eventually.WaitAsync(() => Live(f).FirstOrDefault(p => p.Name() == "db-1" && p.Uid() != firstUid && PodStatus.IsReady(p)), "db-1 to come back");
        Assert.Equal("data-db-1", back.Arr("spec", "volumes").Objects().Single().Str("persistentVolumeClaim", "claimName"));

        var set = Set(f)!;
        set["spec"]!["replicas"] = 1;
        f.Store.Update(StatefulSets, Ns, set);

        await Eventually.WaitAsync(() => Live(f).Select(p => p.Name()).SequenceEqual(["db-0"]) && f.Pods(Ns).Count == 1, "only db-0 to remain");
        Assert.Equal(3, f.List(PersistentVolumeController.Claims, Ns).Count);
        var deletions = f.Store.List(new GroupResource("", "events"), Ns).Items.Where(e => e.Str("reason") == "SuccessfulDelete")
            .OrderBy(e => e.Str("metadata", "resourceVersion")?.PadLeft(20, '0'), StringComparer.Ordinal).Select(e => e.Str("message")).ToList();
        Assert.Equal(["delete Pod db-2 in StatefulSet db successful", "delete Pod db-1 in StatefulSet db successful"], deletions);
    }

    [Fact]
    public async Task A_new_template_replaces_the_pods_from_the_highest_ordinal_down_to_the_partition()
    {
        await using var f = NewFixture();
        await Eventually.WaitAsync(() => Set(f)?.Long("status", "readyReplicas") == 3, "three ready pods");

        var set = Set(f)!;
        set["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "busybox:1.36";
        set["spec"]!["updateStrategy"] = new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["partition"] = 1 } };
        f.Store.Update(StatefulSets, Ns, set);

        await Eventually.WaitAsync(() => Set(f) is { } s && s.Long("status", "updatedReplicas") == 2 && s.Long("status", "readyReplicas") == 3, "two pods updated");
        var images = Live(f).Select(p => (p.Name(), p.Arr("spec", "containers")![0]!.Str("image"))).ToList();
        Assert.Equal([("db-0", "busybox"), ("db-1", "busybox:1.36"), ("db-2", "busybox:1.36")], images);
        Assert.NotEqual(Set(f)!.Str("status", "currentRevision"), Set(f)!.Str("status", "updateRevision"));
    }
}
