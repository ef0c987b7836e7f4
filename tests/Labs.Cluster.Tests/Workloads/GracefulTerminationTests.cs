using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Labs.Cluster.Registry;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads;

/// <summary>
/// The kubelet's part of a graceful pod deletion, against the registry's write path: the pod's processes get SIGTERM,
/// what ignores it SIGKILL when the grace period ends, and then the pod goes; a ReplicaSet replaces it meanwhile.
/// </summary>
public sealed class GracefulTerminationTests
{
    private const string Ns = "learner-9";

    private static SimulatorFixture NewFixture() => SimulatorFixture.OverRegistry(Ns);

    private static async Task<JsonObject> RunningPodAsync(SimulatorFixture f, string name, long grace)
    {
        f.Store.Create(WorkloadResources.Pods, Ns, (JsonObject)JsonNode.Parse($$"""
            { "apiVersion": "v1", "kind": "Pod", "metadata": { "name": "{{name}}" },
              "spec": { "terminationGracePeriodSeconds": {{grace}}, "containers": [ { "name": "shell", "image": "debian:12" } ] } }
            """)!);
        return await Eventually.WaitAsync(
            () => f.Store.Get(WorkloadResources.Pods, Ns, name) is { } p && p.Str("status", "phase") == "Running" ? p : null, $"pod {name} to run");
    }

    /// <summary>Starts a command in the pod and waits for its first output, so it surely runs before the pod is deleted.</summary>
    private static async Task<ClientWebSocket> StartedAsync(ExecServer server, string pod, string script)
    {
        var socket = await server.ConnectAsync(
            $"/api/v1/namespaces/{Ns}/pods/{pod}/exec?command=sh&command=-c&command={Uri.EscapeDataString(script)}&stdout=true", "v5.channel.k8s.io");
        var buffer = new byte[1024];
        await socket.ReceiveAsync(buffer, TestContext.Current.CancellationToken);
        Assert.Equal(1, buffer[0]);
        return socket;
    }

    private static string? ExitCode(Dictionary<int, string> channels) => ExecServer.Status(channels).Arr("details", "causes")?[0]?.Str("message");

    [Fact]
    public async Task A_pod_with_nothing_running_goes_as_soon_as_the_kubelet_has_stopped_it()
    {
        await using var f = NewFixture();
        await RunningPodAsync(f, "idle", grace: 300);

        var marked = f.Store.Delete(WorkloadResources.Pods, Ns, "idle", gracePeriodSeconds: null);

        Assert.Equal(300, marked!.Long("metadata", "deletionGracePeriodSeconds"));
        await Eventually.WaitAsync(() => f.Store.Get(WorkloadResources.Pods, Ns, "idle") is null, "the pod to be deleted long before its 300 s");
    }

    /// <summary>Deletes a running pod while a script runs in it; answers the script's channels once the pod is gone.</summary>
    private static async Task<Dictionary<int, string>> DeletedWhileRunningAsync(long grace, string script)
    {
        await using var f = NewFixture();
        await RunningPodAsync(f, "busy", grace);
        await using var server = await ExecServer.StartAsync(f);
        using var socket = await StartedAsync(server, "busy", script);

        f.Store.Delete(WorkloadResources.Pods, Ns, "busy", gracePeriodSeconds: null);

        var channels = await ExecServer.ReadAllAsync(socket);
        await Eventually.WaitAsync(() => f.Store.Get(WorkloadResources.Pods, Ns, "busy") is null, "the pod to be deleted once its process ended");
        return channels;
    }

    [Fact]
    public async Task A_process_that_stops_on_sigterm_ends_the_pods_termination_early()
    {
        var channels = await DeletedWhileRunningAsync(300, "trap 'echo stopping; exit 7' TERM; echo started; while :; do sleep 0.1; done");

        Assert.Contains("stopping", channels[1], StringComparison.Ordinal);
        Assert.Equal("7", ExitCode(channels));
    }

    [Fact]
    public async Task A_process_that_ignores_sigterm_is_killed_when_the_grace_period_ends()
    {
        var channels = await DeletedWhileRunningAsync(1, "trap '' TERM; echo started; while :; do sleep 0.1; done");

        // 128 + 9: SIGKILL, not the SIGTERM it ignored.
        Assert.Equal("137", ExitCode(channels));
    }

    [Fact]
    public async Task A_replica_set_replaces_a_terminating_pod_at_once_and_no_longer_counts_it()
    {
        await using var f = NewFixture();
        var deployment = SimulatorFixture.Deployment("web", 1);
        deployment.Obj("spec", "template", "spec")!["terminationGracePeriodSeconds"] = 300;
        f.Store.Create(WorkloadResources.Deployments, Ns, deployment);
        var first = await Eventually.WaitAsync(() => f.Pods(Ns).FirstOrDefault(p => p.Str("status", "phase") == "Running"), "the first replica to run");
        await using var server = await ExecServer.StartAsync(f);
        using var socket = await StartedAsync(server, first.Name(), "trap '' TERM; echo started; while :; do sleep 0.1; done");

        f.Store.Delete(WorkloadResources.Pods, Ns, first.Name(), gracePeriodSeconds: null);

        await Eventually.WaitAsync(
            () => f.Pods(Ns).Any(p => p.Name() != first.Name() && p.Str("status", "phase") == "Running")
                && f.Store.Get(WorkloadResources.Pods, Ns, first.Name()) is { } old && old.At("metadata", "deletionTimestamp") is not null
                && f.List(WorkloadResources.ReplicaSets, Ns).Single() is var rs && rs.Long("status", "replicas") == 1 && rs.Long("status", "availableReplicas") == 1,
            "a running replacement beside the terminating pod, which the set no longer counts");
    }
}
