using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads;

public sealed class DeploymentControllerTests
{
    private const string Ns = "team-a";

    private static bool Converged(JsonObject? deploy, int replicas) =>
        deploy is not null
        && deploy.Long("status", "observedGeneration") == deploy.Long("metadata", "generation")
        && deploy.Long("status", "replicas") == replicas
        && deploy.Long("status", "updatedReplicas") == replicas
        && deploy.Long("status", "readyReplicas") == replicas
        && deploy.Long("status", "availableReplicas") == replicas
        && deploy.Arr("status", "conditions").Objects().Any(c => c.Str("reason") == "NewReplicaSetAvailable");

    [Fact]
    public async Task A_deployment_with_two_replicas_converges_to_a_replica_set_two_running_pods_and_an_available_status()
    {
        await using var f = new SimulatorFixture();
        f.Store.Create(WorkloadResources.Deployments, Ns, SimulatorFixture.Deployment("web", 2));

        var deploy = await Eventually.WaitAsync(
            () => f.Store.Get(WorkloadResources.Deployments, Ns, "web") is { } d && Converged(d, 2) ? d : null, "deployment web to be available");

        var rs = Assert.Single(f.List(WorkloadResources.ReplicaSets, Ns));
        var hash = rs.Str("metadata", "labels", "pod-template-hash");
        Assert.False(string.IsNullOrEmpty(hash));
        Assert.Equal($"web-{hash}", rs.Name());
        Assert.Equal("1", rs.Str("metadata", "annotations", "deployment.kubernetes.io/revision"));
        Assert.Equal("2", rs.Str("metadata", "annotations", "deployment.kubernetes.io/desired-replicas"));
        Assert.Equal("3", rs.Str("metadata", "annotations", "deployment.kubernetes.io/max-replicas"));
        var owner = rs.ControllerRef()!;
        Assert.Equal("Deployment", owner.Str("kind"));
        Assert.Equal(deploy.Uid(), owner.Str("uid"));
        Assert.Equal(hash, rs.Str("spec", "selector", "matchLabels", "pod-template-hash"));

        Assert.Null(deploy.At("status", "unavailableReplicas"));
        Assert.Equal("1", deploy.Str("metadata", "annotations", "deployment.kubernetes.io/revision"));
        var conditions = deploy.Arr("status", "conditions").Objects().ToList();
        Assert.Equal(["Available", "Progressing"], conditions.Select(c => c.Str("type")));
        Assert.Equal("MinimumReplicasAvailable", conditions[0].Str("reason"));
        Assert.Equal("Deployment has minimum availability.", conditions[0].Str("message"));
        Assert.Equal($"ReplicaSet \"web-{hash}\" has successfully progressed.", conditions[1].Str("message"));
        Assert.NotNull(conditions[1].Str("lastUpdateTime"));

        var pods = f.Pods(Ns);
        Assert.Equal(2, pods.Count);
        Assert.All(pods, pod =>
        {
            Assert.StartsWith($"web-{hash}-", pod.Name(), StringComparison.Ordinal);
            Assert.Equal("Running", pod.Str("status", "phase"));
            Assert.Equal(hash, pod.Str("metadata", "labels", "pod-template-hash"));
            Assert.StartsWith("10.244.", pod.Str("status", "podIP"), StringComparison.Ordinal);
            Assert.StartsWith("labs-node-", pod.Str("spec", "nodeName"), StringComparison.Ordinal);
            Assert.Equal("BestEffort", pod.Str("status", "qosClass"));
            var container = Assert.Single(pod.Arr("status", "containerStatuses").Objects());
            Assert.Equal("docker.io/library/nginx:latest", container.Str("image"));
            Assert.StartsWith("docker.io/library/nginx@sha256:", container.Str("imageID"), StringComparison.Ordinal);
            Assert.StartsWith("labs-sim://", container.Str("containerID"), StringComparison.Ordinal);
            Assert.NotNull(container.Str("state", "running", "startedAt"));
            Assert.Equal(
                ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"],
                pod.Arr("status", "conditions").Objects().Select(c => c.Str("type")));
        });
        Assert.NotEqual(pods[0].Str("status", "podIP"), pods[1].Str("status", "podIP"));
        Assert.NotEqual(pods[0].Str("spec", "nodeName"), pods[1].Str("spec", "nodeName"));

        var rsStatus = f.Store.Get(WorkloadResources.ReplicaSets, Ns, rs.Name())!.Obj("status")!;
        Assert.Equal(2, rsStatus.Long("replicas"));
        Assert.Equal(2, rsStatus.Long("fullyLabeledReplicas"));
        Assert.Equal(2, rsStatus.Long("readyReplicas"));
        Assert.Equal(2, rsStatus.Long("availableReplicas"));
    }

    [Fact]
    public async Task Scaling_a_deployment_up_and_down_changes_the_number_of_pods()
    {
        await using var f = new SimulatorFixture();
        f.Store.Create(WorkloadResources.Deployments, Ns, SimulatorFixture.Deployment("web", 2));
        await Eventually.WaitAsync(() => Converged(f.Store.Get(WorkloadResources.Deployments, Ns, "web"), 2), "2 replicas");

        await ScaleAsync(f, 4);
        await Eventually.WaitAsync(() => Converged(f.Store.Get(WorkloadResources.Deployments, Ns, "web"), 4), "4 replicas");
        Assert.Equal(4, f.Pods(Ns).Count(p => p.Str("status", "phase") == "Running"));

        await ScaleAsync(f, 1);
        await Eventually.WaitAsync(() => Converged(f.Store.Get(WorkloadResources.Deployments, Ns, "web"), 1) && f.Pods(Ns).Count == 1, "1 replica");
        Assert.Single(f.List(WorkloadResources.ReplicaSets, Ns));
    }

    [Fact]
    public async Task Changing_the_template_makes_a_new_replica_set_and_scales_the_old_one_to_zero()
    {
        await using var f = new SimulatorFixture();
        f.Store.Create(WorkloadResources.Deployments, Ns, SimulatorFixture.Deployment("web", 2));
        await Eventually.WaitAsync(() => Converged(f.Store.Get(WorkloadResources.Deployments, Ns, "web"), 2), "first rollout");
        var first = Assert.Single(f.List(WorkloadResources.ReplicaSets, Ns)).Name();

        await UpdateAsync(f, d => d.Obj("spec", "template", "spec")!.Arr("containers")![0]!["image"] = "nginx:1.27");

        var deploy = await Eventually.WaitAsync(
            () => f.Store.Get(WorkloadResources.Deployments, Ns, "web") is { } d && Converged(d, 2) && f.Pods(Ns).Count == 2
                && f.Pods(Ns).All(p => p.Arr("spec", "containers")![0]!.Str("image") == "nginx:1.27") ? d : null,
            "second rollout");

        var sets = f.List(WorkloadResources.ReplicaSets, Ns);
        Assert.Equal(2, sets.Count);
        var old = sets.Single(rs => rs.Name() == first);
        var current = sets.Single(rs => rs.Name() != first);
        Assert.Equal(0, old.Long("spec", "replicas"));
        Assert.Equal("2", current.Str("metadata", "annotations", "deployment.kubernetes.io/revision"));
        Assert.Equal("2", deploy.Str("metadata", "annotations", "deployment.kubernetes.io/revision"));
        Assert.Equal(2, deploy.Long("metadata", "generation"));
        Assert.Contains(current.Name(), deploy.Arr("status", "conditions")![1]!.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rolling_back_to_an_earlier_template_reuses_its_replica_set_as_the_newest_revision()
    {
        await using var f = new SimulatorFixture();
        f.Store.Create(WorkloadResources.Deployments, Ns, SimulatorFixture.Deployment("web", 2));
        await Eventually.WaitAsync(() => Converged(f.Store.Get(WorkloadResources.Deployments, Ns, "web"), 2), "first rollout");
        var first = Assert.Single(f.List(WorkloadResources.ReplicaSets, Ns)).Name();
        await UpdateAsync(f, d => d.Obj("spec", "template", "spec")!.Arr("containers")![0]!["image"] = "nginx:1.27");
        await Eventually.WaitAsync(() => f.List(WorkloadResources.ReplicaSets, Ns).Count == 2, "second replica set");

        // kubectl rollout undo sends the old template back with "creationTimestamp": null in its metadata.
        await UpdateAsync(f, d =>
        {
            d.Obj("spec", "template", "spec")!.Arr("containers")![0]!["image"] = "nginx";
            d.Obj("spec", "template", "metadata")!["creationTimestamp"] = null;
        });

        await Eventually.WaitAsync(
            () => f.Store.Get(WorkloadResources.Deployments, Ns, "web") is { } d && Converged(d, 2)
                && d.Str("metadata", "annotations", "deployment.kubernetes.io/revision") == "3",
            "the rollback");
        var sets = f.List(WorkloadResources.ReplicaSets, Ns);
        Assert.Equal(2, sets.Count);
        var reused = sets.Single(rs => rs.Name() == first);
        Assert.Equal(2, reused.Long("spec", "replicas"));
        Assert.Equal("3", reused.Str("metadata", "annotations", "deployment.kubernetes.io/revision"));
    }

    [Fact]
    public async Task Deleting_a_deployment_removes_its_replica_sets_and_pods()
    {
        await using var f = new SimulatorFixture();
        f.Store.Create(WorkloadResources.Deployments, Ns, SimulatorFixture.Deployment("web", 2));
        await Eventually.WaitAsync(() => Converged(f.Store.Get(WorkloadResources.Deployments, Ns, "web"), 2), "rollout");
        var uids = f.Pods(Ns).Select(p => p.Uid()).ToList();
        Assert.All(uids, uid => Assert.True(Directory.Exists(Path.Combine(f.DataDirectory, "pods", uid))));

        f.Store.Delete(WorkloadResources.Deployments, Ns, "web");

        await Eventually.WaitAsync(() => f.List(WorkloadResources.ReplicaSets, Ns).Count == 0 && f.Pods(Ns).Count == 0, "garbage collection");
        await Eventually.WaitAsync(() => uids.All(uid => !Directory.Exists(Path.Combine(f.DataDirectory, "pods", uid))), "pod directories removed");
    }

    [Fact]
    public async Task A_deleted_pod_is_replaced_by_its_replica_set()
    {
        await using var f = new SimulatorFixture();
        f.Store.Create(WorkloadResources.Deployments, Ns, SimulatorFixture.Deployment("web", 2));
        await Eventually.WaitAsync(() => Converged(f.Store.Get(WorkloadResources.Deployments, Ns, "web"), 2), "rollout");
        var victim = f.Pods(Ns)[0].Name();

        f.Store.Delete(WorkloadResources.Pods, Ns, victim);

        await Eventually.WaitAsync(
            () => f.Pods(Ns) is { Count: 2 } pods && pods.All(p => p.Name() != victim && p.Str("status", "phase") == "Running"),
            "a replacement pod");
    }

    private static async Task ScaleAsync(SimulatorFixture f, int replicas) =>
        await UpdateAsync(f, d => d.Obj("spec")!["replicas"] = replicas);

    private static async Task UpdateAsync(SimulatorFixture f, Action<JsonObject> change)
    {
        // The controller writes the deployment too (revision annotation): retry on conflict like any client.
        await Eventually.WaitAsync(
            () =>
            {
                var deploy = f.Store.Get(WorkloadResources.Deployments, Ns, "web")!;
                change(deploy);
                try
                {
                    f.Store.Update(WorkloadResources.Deployments, Ns, deploy);
                    return true;
                }
                catch (Labs.Cluster.Api.ApiException ex) when (ex.Code == 409)
                {
                    return false;
                }
            },
            "the update to be accepted");
    }

    [Fact]
    public async Task Recreate_stops_every_old_pod_before_the_new_replica_set_starts()
    {
        await using var f = new SimulatorFixture();
        var deploy = SimulatorFixture.Deployment("web", 2);
        deploy["spec"]!["strategy"] = new JsonObject { ["type"] = "Recreate" };
        f.Store.Create(WorkloadResources.Deployments, Ns, deploy);
        await Eventually.WaitAsync(() => Converged(f.Store.Get(WorkloadResources.Deployments, Ns, "web"), 2), "first rollout");
        var first = Assert.Single(f.List(WorkloadResources.ReplicaSets, Ns)).Name();

        await UpdateAsync(f, d => d.Obj("spec", "template", "spec")!.Arr("containers")![0]!["image"] = "nginx:1.27");
        await Eventually.WaitAsync(() => Converged(f.Store.Get(WorkloadResources.Deployments, Ns, "web"), 2)
            && f.List(WorkloadResources.ReplicaSets, Ns).Count == 2, "second rollout");

        var second = f.List(WorkloadResources.ReplicaSets, Ns).Single(rs => rs.Name() != first).Name();
        var scaling = f.Store.List(new Labs.Cluster.Storage.GroupResource("", "events"), Ns).Items
            .Where(e => e.Str("reason") == "ScalingReplicaSet").OrderBy(e => e.Str("metadata", "resourceVersion")?.PadLeft(20, '0'), StringComparer.Ordinal)
            .Select(e => e.Str("message")).ToList();
        Assert.Equal([$"Scaled up replica set {first} from 0 to 2", $"Scaled down replica set {first} from 2 to 0", $"Scaled up replica set {second} from 0 to 2"], scaling);
    }
}
