using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads.Volumes;

/// <summary>
/// Claims and volumes against the registry's write path: static binding to the smallest fitting volume, dynamic
/// provisioning on the first consumer's node with data that outlives the pod, reclaiming, and the scheduler's words
/// for a pod whose claim is missing or unbound.
/// </summary>
public sealed class PersistentVolumeControllerTests
{
    private const string Ns = "learner-4";
    private static readonly GroupResource Events = new("", "events");

    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;

    private static void CreateClaim(SimulatorFixture f, string name, string className, string size = "1Gi") =>
        f.Store.Create(PersistentVolumeController.Claims, Ns, Parse($$"""
            { "apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": { "name": "{{name}}" },
              "spec": { "storageClassName": "{{className}}", "accessModes": ["ReadWriteOnce"], "resources": { "requests": { "storage": "{{size}}" } } } }
            """));

    private static void CreateVolume(SimulatorFixture f, string name, string className, string size, string policy = "Retain") =>
        f.Store.Create(PersistentVolumeController.Volumes, null, Parse($$"""
            { "apiVersion": "v1", "kind": "PersistentVolume", "metadata": { "name": "{{name}}" },
              "spec": { "storageClassName": "{{className}}", "capacity": { "storage": "{{size}}" }, "accessModes": ["ReadWriteOnce"],
                "persistentVolumeReclaimPolicy": "{{policy}}", "hostPath": { "path": "/mnt/{{name}}" } } }
            """));

    private static void CreatePod(SimulatorFixture f, string name, string claim, string script) =>
        f.Store.Create(WorkloadResources.Pods, Ns, Parse($$"""
            { "apiVersion": "v1", "kind": "Pod", "metadata": { "name": "{{name}}" },
              "spec": { "terminationGracePeriodSeconds": 0,
                "containers": [ { "name": "c", "image": "busybox", "command": ["sh", "-c", {{JsonValue.Create(script).ToJsonString()}}],
                  "volumeMounts": [ { "name": "data", "mountPath": "/data" } ] } ],
                "volumes": [ { "name": "data", "persistentVolumeClaim": { "claimName": "{{claim}}" } } ] } }
            """));

    private static Task<JsonObject> BoundClaimAsync(SimulatorFixture f, string name) =>
        Eventually.WaitAsync(() => f.Store.Get(PersistentVolumeController.Claims, Ns, name) is { } c && c.Str("status", "phase") == "Bound" ? c : null, $"claim {name} to be bound");

    private static List<string> EventsOf(SimulatorFixture f, string name) =>
        [.. f.Store.List(Events, Ns).Items.Where(e => e.Str("involvedObject", "name") == name).Select(e => $"{e.Str("reason")}: {e.Str("message")}")];

    /// <summary>Waits until the pod's log is <paramref name="expected"/>.</summary>
    private static Task<string> LogAsync(SimulatorFixture f, string pod, string expected) =>
        Eventually.UntilAsync(async () => (await f.LogsAsync(f.Store.Get(WorkloadResources.Pods, Ns, pod)!)).Trim() == expected ? "ok" : null,
            $"pod {pod} to log {expected}");

    [Fact]
    public async Task A_claim_binds_the_smallest_volume_that_fits_and_a_retained_volume_is_released_when_the_claim_goes()
    {
        await using var f = SimulatorFixture.OverRegistry(Ns);
        CreateVolume(f, "small", "manual", "500Mi");
        CreateVolume(f, "large", "manual", "10Gi");
        CreateVolume(f, "medium", "manual", "2Gi");
        CreateVolume(f, "other", "fast", "1Gi", policy: "Delete");

        CreateClaim(f, "task", "manual");

        var claim = await BoundClaimAsync(f, "task");
        Assert.Equal("medium", claim.Str("spec", "volumeName"));
        Assert.Equal("2Gi", claim.Str("status", "capacity", "storage"));
        Assert.Equal("yes", claim.Str("metadata", "annotations", "pv.kubernetes.io/bind-completed"));
        var pv = f.Store.Get(PersistentVolumeController.Volumes, null, "medium")!;
        Assert.Equal(("Bound", "task", claim.Uid()), (pv.Str("status", "phase"), pv.Str("spec", "claimRef", "name"), pv.Str("spec", "claimRef", "uid")));
        await Eventually.WaitAsync(() => f.Store.Get(PersistentVolumeController.Volumes, null, "small")?.Str("status", "phase") == "Available", "the others to be Available");

        f.Store.Delete(PersistentVolumeController.Claims, Ns, "task");
        await Eventually.WaitAsync(() => f.Store.Get(PersistentVolumeController.Volumes, null, "medium")?.Str("status", "phase") == "Released", "the volume to be released");

        CreateClaim(f, "quick", "fast");
        await BoundClaimAsync(f, "quick");
        f.Store.Delete(PersistentVolumeController.Claims, Ns, "quick");
        await Eventually.WaitAsync(() => f.Store.Get(PersistentVolumeController.Volumes, null, "other") is null, "the Delete volume to go with its claim");
    }

    [Fact]
    public async Task A_claim_of_a_first_consumer_class_is_provisioned_on_its_pods_node_and_keeps_its_data_for_the_next_pod()
    {
        await using var f = SimulatorFixture.OverRegistry(Ns);
        f.Store.Create(PersistentVolumeController.Classes, null, Parse("""
            { "apiVersion": "storage.k8s.io/v1", "kind": "StorageClass", "metadata": { "name": "standard" },
              "provisioner": "rancher.io/local-path", "reclaimPolicy": "Delete", "volumeBindingMode": "WaitForFirstConsumer" }
            """));
        CreateClaim(f, "data", "standard");
        await Eventually.WaitAsync(() => EventsOf(f, "data").Contains("WaitForFirstConsumer: waiting for first consumer to be created before binding"), "the claim to wait");

        CreatePod(f, "writer", "data", "echo kept > /data/file && echo written; sleep 3600");

        var claim = await BoundClaimAsync(f, "data");
        var pvName = $"pvc-{claim.Uid()}";
        Assert.Equal(pvName, claim.Str("spec", "volumeName"));
        var writer = await Eventually.WaitAsync(() => f.Store.Get(WorkloadResources.Pods, Ns, "writer") is { } p && p.Str("status", "phase") == "Running" ? p : null, "the writer to run");
        var pv = f.Store.Get(PersistentVolumeController.Volumes, null, pvName)!;
        Assert.Equal(writer.Str("spec", "nodeName"), pv.Arr("spec", "nodeAffinity", "required", "nodeSelectorTerms").Objects().Single()
            .Arr("matchExpressions").Objects().Single().Arr("values")![0]!.GetValue<string>());
        Assert.Equal("rancher.io/local-path", pv.Str("metadata", "annotations", "pv.kubernetes.io/provisioned-by"));
        Assert.Contains($"ProvisioningSucceeded: Successfully provisioned volume {pvName}", EventsOf(f, "data"));

        await LogAsync(f, "writer", "written");
        f.Store.Delete(WorkloadResources.Pods, Ns, "writer", gracePeriodSeconds: 0);
        await Eventually.WaitAsync(() => f.Store.Get(WorkloadResources.Pods, Ns, "writer") is null, "the writer to go");
        CreatePod(f, "reader", "data", "cat /data/file; sleep 3600");

        var reader = await Eventually.WaitAsync(() => f.Store.Get(WorkloadResources.Pods, Ns, "reader") is { } p && p.Str("status", "phase") == "Running" ? p : null, "the reader to run");
        Assert.Equal(writer.Str("spec", "nodeName"), reader.Str("spec", "nodeName"));
        await LogAsync(f, "reader", "kept");
    }

    [Fact]
    public async Task A_pod_whose_claim_is_missing_or_unbound_stays_pending_with_the_schedulers_words()
    {
        await using var f = SimulatorFixture.OverRegistry(Ns);
        CreateClaim(f, "unbound", "");
        CreatePod(f, "orphan", "missing", "true");
        CreatePod(f, "waiting", "unbound", "true");

        string? Message(string pod) => f.Store.Get(WorkloadResources.Pods, Ns, pod)?.Arr("status", "conditions").Objects()
            .FirstOrDefault(c => c.Str("reason") == "Unschedulable")?.Str("message");
        Assert.Equal("0/2 nodes are available: persistentvolumeclaim \"missing\" not found. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
            await Eventually.WaitAsync(() => Message("orphan"), "the orphan to be unschedulable"));
        Assert.Equal("0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
            await Eventually.WaitAsync(() => Message("waiting"), "the waiting pod to be unschedulable"));
        await Eventually.WaitAsync(() => EventsOf(f, "unbound").Contains("FailedBinding: no persistent volumes available for this claim and no storage class is set"), "the claim's event");
    }
}
