using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads;

/// <summary>
/// Interactive containers (stdin: true) run their command for real; attach joins it, detaching leaves it running,
/// stdinOnce closes its input after the first session, and restarts follow the restartPolicy.
/// </summary>
public sealed class AttachHandlerTests
{
    private const string Ns = "learner-3";

    private static Task<JsonObject> InteractivePodAsync(SimulatorFixture f, string script, bool stdinOnce, string restartPolicy, string phase = "Running")
    {
        f.Store.Create(WorkloadResources.Pods, Ns, (JsonObject)JsonNode.Parse($$"""
            { "apiVersion": "v1", "kind": "Pod", "metadata": { "name": "shell" },
              "spec": { "restartPolicy": "{{restartPolicy}}", "containers": [ {
                "name": "main", "image": "busybox", "stdin": true, "stdinOnce": {{(stdinOnce ? "true" : "false")}},
                "command": [ "sh", "-c", {{JsonValue.Create(script).ToJsonString()}} ] } ] } }
            """)!);
        return Eventually.WaitAsync(
            () => f.Store.Get(WorkloadResources.Pods, Ns, "shell") is { } p && p.Str("status", "phase") == phase ? p : null, $"the pod to be {phase}");
    }

    [Fact]
    public async Task A_container_that_cannot_start_is_StartError_with_the_kubelets_Failed_event_and_no_Started_one()
    {
        await using var f = new SimulatorFixture(configure: o => o.BubblewrapPath = "/nonexistent/bwrap");
        await InteractivePodAsync(f, "echo hi", stdinOnce: false, "Never", phase: "Failed");

        var status = MainStatus(f)!;
        Assert.Equal("StartError", status.Str("state", "terminated", "reason"));
        Assert.Equal(128, status.Long("state", "terminated", "exitCode"));
        var events = f.List(new Labs.Cluster.Storage.GroupResource("", "events"), Ns).Select(e => $"{e.Str("type")} {e.Str("reason")}: {e.Str("message")}").ToList();
        Assert.Contains("Normal Created: Created container: main", events);
        Assert.Contains($"Warning Failed: Error: {status.Str("state", "terminated", "message")}", events);
        Assert.DoesNotContain(events, e => e.StartsWith("Normal Started", StringComparison.Ordinal));
    }

    private static Task<ClientWebSocket> AttachAsync(ExecServer server) =>
        server.ConnectAsync($"/api/v1/namespaces/{Ns}/pods/shell/attach?container=main&stdin=true&stdout=true&stderr=true", "v5.channel.k8s.io");

    private static JsonObject? MainStatus(SimulatorFixture f) => f.Store.Get(WorkloadResources.Pods, Ns, "shell")?.Arr("status", "containerStatuses")?[0] as JsonObject;

    [Fact]
    public async Task A_session_that_detaches_leaves_the_container_running_for_the_next_one()
    {
        await using var f = new SimulatorFixture();
        await InteractivePodAsync(f, "while read line; do echo \"got $line\"; done", stdinOnce: false, "Never");
        await using var server = await ExecServer.StartAsync(f);

        using (var first = await AttachAsync(server))
        {
            await ExecServer.SendAsync(first, 0, "one\n");
            await ExecServer.ReadUntilAsync(first, 1, "got one");
            await first.CloseAsync(WebSocketCloseStatus.NormalClosure, "", TestContext.Current.CancellationToken);
        }

        using var second = await AttachAsync(server);
        await ExecServer.SendAsync(second, 0, "two\n");
        Assert.Contains("got two", await ExecServer.ReadUntilAsync(second, 1, "got two"), StringComparison.Ordinal);
        Assert.NotNull(MainStatus(f)!.At("state", "running"));
    }

    [Fact]
    public async Task With_stdin_once_the_first_session_ends_the_input_and_the_pod_completes_with_its_log()
    {
        await using var f = new SimulatorFixture();
        await InteractivePodAsync(f, "cat; echo done", stdinOnce: true, "Never");
        await using var server = await ExecServer.StartAsync(f);

        using (var session = await AttachAsync(server))
        {
            await ExecServer.SendAsync(session, 0, "typed\n");
            await ExecServer.ReadUntilAsync(session, 1, "typed");
            await session.CloseAsync(WebSocketCloseStatus.NormalClosure, "", TestContext.Current.CancellationToken);
        }

        var pod = await Eventually.WaitAsync(
            () => f.Store.Get(WorkloadResources.Pods, Ns, "shell") is { } p && p.Str("status", "phase") == "Succeeded" ? p : null, "the pod to succeed");
        Assert.Equal("Completed", pod.Arr("status", "containerStatuses")![0].Str("state", "terminated", "reason"));
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseAddress.Replace("ws://", "http://", StringComparison.Ordinal)) };
        var log = await http.GetStringAsync(new Uri($"/api/v1/namespaces/{Ns}/pods/shell/log", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal("typed\ndone\n", log);
    }

    [Fact]
    public async Task A_container_that_keeps_failing_is_restarted_once_at_once_then_backs_off()
    {
        await using var f = new SimulatorFixture();
        await InteractivePodAsync(f, "exit 4", stdinOnce: false, "Always");

        var status = await Eventually.WaitAsync(
            () => MainStatus(f) is { } s && s.Str("state", "waiting", "reason") == "CrashLoopBackOff" ? s : null, "the container to back off");

        Assert.Equal(1, status.Long("restartCount"));
        Assert.Equal(4, status.Long("lastState", "terminated", "exitCode"));
        Assert.Equal("Error", status.Str("lastState", "terminated", "reason"));
        Assert.StartsWith("back-off 10s restarting failed container=main pod=shell_learner-3(", status.Str("state", "waiting", "message"), StringComparison.Ordinal);
    }
}
