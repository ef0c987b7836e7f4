using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads;

public sealed class ExecHandlerTests
{
    private const string Ns = "learner-1";

    private static async Task<JsonObject> RunningToolboxAsync(SimulatorFixture f)
    {
        f.Store.Create(WorkloadResources.Secrets, Ns, (JsonObject)JsonNode.Parse("""
            { "apiVersion": "v1", "kind": "Secret", "metadata": { "name": "db" }, "data": { "password": "czNjcjN0" } }
            """)!);
        f.Store.Create(WorkloadResources.Pods, Ns, (JsonObject)JsonNode.Parse("""
            {
              "apiVersion": "v1", "kind": "Pod", "metadata": { "name": "toolbox" },
              "spec": {
                "containers": [ {
                  "name": "shell", "image": "debian:12",
                  "env": [ { "name": "GREETING", "value": "hello" } ],
                  "volumeMounts": [ { "name": "db", "mountPath": "/etc/db" }, { "name": "scratch", "mountPath": "/scratch" } ]
                } ],
                "volumes": [ { "name": "db", "secret": { "secretName": "db" } }, { "name": "scratch", "emptyDir": {} } ]
              }
            }
            """)!);
        return await Eventually.WaitAsync(
            () => f.Store.Get(WorkloadResources.Pods, Ns, "toolbox") is { } p && p.Str("status", "phase") == "Running" ? p : null,
            "the toolbox pod to run");
    }

    private static string ExecPath(string query) => $"/api/v1/namespaces/{Ns}/pods/toolbox/exec?{query}";

    [Fact]
    public async Task A_v5_terminal_session_streams_output_and_reports_a_non_zero_exit_code()
    {
        await using var f = new SimulatorFixture();
        await RunningToolboxAsync(f);
        await using var server = await ExecServer.StartAsync(f);

        using var socket = await server.ConnectAsync(ExecPath("command=sh&command=-c&command=echo+hi%3B+exit+3&stdin=true&stdout=true&tty=true"), "v5.channel.k8s.io");
        Assert.Equal("v5.channel.k8s.io", socket.SubProtocol);
        var channels = await ExecServer.ReadAllAsync(socket);

        Assert.Contains("hi", channels[1], StringComparison.Ordinal);
        var status = ExecServer.Status(channels);
        Assert.Equal("Failure", status.Str("status"));
        Assert.Equal("NonZeroExitCode", status.Str("reason"));
        Assert.Equal("command terminated with non-zero exit code: error executing command [sh -c echo hi; exit 3], exit code 3", status.Str("message"));
        Assert.Equal("3", status.Arr("details", "causes")![0]!.Str("message"));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }

    [Fact]
    public async Task A_v4_session_without_a_terminal_reads_stdin_and_reports_success()
    {
        await using var f = new SimulatorFixture();
        await RunningToolboxAsync(f);
        await using var server = await ExecServer.StartAsync(f);

        using var socket = await server.ConnectAsync(ExecPath("command=head&command=-c&command=3&stdin=1&stdout=1&stderr=1"), "v4.channel.k8s.io");
        await ExecServer.SendAsync(socket, 0, "abc");
        var channels = await ExecServer.ReadAllAsync(socket);

        Assert.Equal("abc", channels[1]);
        Assert.Equal("""{"metadata":{},"status":"Success"}""", channels[3]);
    }

    [Fact]
    public async Task Closing_stdin_in_v5_ends_a_command_that_reads_to_the_end()
    {
        await using var f = new SimulatorFixture();
        await RunningToolboxAsync(f);
        await using var server = await ExecServer.StartAsync(f);

        using var socket = await server.ConnectAsync(ExecPath("command=wc&command=-c&stdin=true&stdout=true&stderr=true"), "v5.channel.k8s.io");
        await ExecServer.SendAsync(socket, 0, new string('x', 200_000));
        await ExecServer.SendAsync(socket, 0, new string('y', 100_000));
        await socket.SendAsync(new byte[] { 255, 0 }, WebSocketMessageType.Binary, true, TestContext.Current.CancellationToken);
        var channels = await ExecServer.ReadAllAsync(socket);

        Assert.Equal("300000", channels[1].Trim());
        Assert.Equal("Success", ExecServer.Status(channels).Str("status"));
    }

    [Fact]
    public async Task The_session_sees_the_pod_volumes_environment_and_hostname()
    {
        await using var f = new SimulatorFixture();
        await RunningToolboxAsync(f);
        await using var server = await ExecServer.StartAsync(f);

        using var socket = await server.ConnectAsync(
            ExecPath("command=sh&command=-c&command=cat+/etc/db/password%3B+echo+%3B+echo+$GREETING+$HOME+$(hostname)%3B+touch+/scratch/ok+%26%26+echo+writable&stdout=true&stderr=true"),
            "v5.channel.k8s.io");
        var channels = await ExecServer.ReadAllAsync(socket);

        Assert.Equal("s3cr3t\nhello /home/learner toolbox\nwritable\n", channels[1]);
        Assert.Equal("Success", ExecServer.Status(channels).Str("status"));
    }

    [Fact]
    public async Task A_plain_request_and_an_unknown_container_get_a_400_status()
    {
        await using var f = new SimulatorFixture();
        await RunningToolboxAsync(f);
        await using var server = await ExecServer.StartAsync(f);
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseAddress.Replace("ws://", "http://", StringComparison.Ordinal)) };

        var plain = await http.GetAsync(new Uri(ExecPath("command=ls"), UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        var status = JsonNode.Parse(await plain.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("Status", status.Str("kind"));
        Assert.Equal("Upgrade request required", status.Str("message"));

        var error = await Assert.ThrowsAsync<WebSocketException>(() => server.ConnectAsync(ExecPath("command=ls&container=nope"), "v5.channel.k8s.io"));
        Assert.Contains("400", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_over_the_size_limit_closes_the_session()
    {
        await using var f = new SimulatorFixture();
        await RunningToolboxAsync(f);
        await using var server = await ExecServer.StartAsync(f);

        using var socket = await server.ConnectAsync(ExecPath("command=cat&stdin=true&stdout=true"), "v5.channel.k8s.io");
        await ExecServer.SendAsync(socket, 0, new string('z', 2 * 1024 * 1024));
        await ExecServer.ReadAllAsync(socket);

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, socket.CloseStatus);
    }

    [Fact]
    public async Task Deleting_the_pod_kills_its_running_session()
    {
        await using var f = new SimulatorFixture();
        var pod = await RunningToolboxAsync(f);
        await using var server = await ExecServer.StartAsync(f);
        using var socket = await server.ConnectAsync(ExecPath("command=sh&command=-c&command=echo+started%3B+sleep+300&stdout=true"), "v5.channel.k8s.io");
        var buffer = new byte[1024];
        var first = await socket.ReceiveAsync(buffer, TestContext.Current.CancellationToken);
        Assert.Equal(1, buffer[0]);

        f.Store.Delete(WorkloadResources.Pods, Ns, "toolbox");

        var channels = await ExecServer.ReadAllAsync(socket);
        Assert.Equal("NonZeroExitCode", ExecServer.Status(channels).Str("reason"));
        await Eventually.WaitAsync(() => !Directory.Exists(Path.Combine(f.DataDirectory, "pods", pod.Uid())), "the pod directory to go");
    }

    [Fact]
    public async Task An_unknown_command_is_reported_like_containerd_does()
    {
        await using var f = new SimulatorFixture();
        await RunningToolboxAsync(f);
        await using var server = await ExecServer.StartAsync(f);

        using var socket = await server.ConnectAsync(ExecPath("command=no-such-tool&stdout=true&stderr=true"), "v5.channel.k8s.io");
        var status = ExecServer.Status(await ExecServer.ReadAllAsync(socket));

        Assert.Equal("Failure", status.Str("status"));
        Assert.Contains("exec: \"no-such-tool\": executable file not found in $PATH", status.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pod_without_a_node_is_refused_before_the_upgrade()
    {
        await using var f = new SimulatorFixture();
        f.Store.Create(WorkloadResources.Pods, Ns, (JsonObject)JsonNode.Parse("""
            { "apiVersion": "v1", "kind": "Pod", "metadata": { "name": "toolbox" },
              "spec": { "nodeSelector": { "disk": "ssd" }, "containers": [ { "name": "shell", "image": "debian:12" } ] } }
            """)!);
        await Eventually.WaitAsync(() => f.Store.Get(WorkloadResources.Pods, Ns, "toolbox")!.Str("status", "phase") == "Pending", "the pod to be unschedulable");
        await using var server = await ExecServer.StartAsync(f);
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseAddress.Replace("ws://", "http://", StringComparison.Ordinal)) };

        var response = await http.GetAsync(new Uri(ExecPath("command=ls"), UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("pod toolbox does not have a host assigned", status.Str("message"));
        var pod = f.Store.Get(WorkloadResources.Pods, Ns, "toolbox")!;
        var scheduled = Assert.Single(pod.Arr("status", "conditions").Objects());
        Assert.Equal("Unschedulable", scheduled.Str("reason"));
    }

    [Fact]
    public async Task Logs_of_a_running_container_are_empty_and_an_unknown_container_gets_a_400()
    {
        await using var f = new SimulatorFixture();
        await RunningToolboxAsync(f);
        await using var server = await ExecServer.StartAsync(f);
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseAddress.Replace("ws://", "http://", StringComparison.Ordinal)) };
        var ct = TestContext.Current.CancellationToken;

        var ok = await http.GetAsync(new Uri($"/api/v1/namespaces/{Ns}/pods/toolbox/log", UriKind.Relative), ct);
        var bad = await http.GetAsync(new Uri($"/api/v1/namespaces/{Ns}/pods/toolbox/log?container=web", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("", await ok.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("container web is not valid for pod toolbox", JsonNode.Parse(await bad.Content.ReadAsStringAsync(ct))!.Str("message"));
    }
}
