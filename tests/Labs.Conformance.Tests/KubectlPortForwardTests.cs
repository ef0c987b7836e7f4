using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Labs.Conformance.Tests;

/// <summary>
/// <c>kubectl port-forward</c> against the embedded cluster: SPDY/3.1 in a WebSocket (what kubectl 1.32 tries first)
/// and plain SPDY (its fallback), to a pod and through a Service, carrying bytes both ways unchanged; a port nothing
/// listens on fails as on a real node.
/// </summary>
public sealed partial class KubectlPortForwardTests(WorkloadCluster k) : IClassFixture<WorkloadCluster>
{
    // A container that runs for real (stdin) and echoes every connection on 9000 back.
    private const string EchoPod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: echo, labels: {app: echo}}
        spec:
          containers:
          - name: echo
            image: busybox
            stdin: true
            command: [socat, "TCP-LISTEN:9000,reuseaddr,fork", "EXEC:cat"]
            ports: [{name: echo, containerPort: 9000}]
        """;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bytes_go_both_ways_unchanged_over_websocket_and_spdy_to_a_pod_and_through_a_service()
    {
        var ns = await RunningEchoAsync();
        Assert.Equal(0, (await k.RunAsync("expose", "pod", "echo", "-n", ns, "--port", "80", "--target-port", "echo")).ExitCode);

        foreach (var (target, websockets) in new[] { ("pod/echo", "true"), ("pod/echo", "false"), ("svc/echo", "true") })
        {
            var remote = target.StartsWith("svc/", StringComparison.Ordinal) ? "80" : "9000";
            using var forward = k.StartWithEnvironment(new Dictionary<string, string> { ["KUBECTL_PORT_FORWARD_WEBSOCKETS"] = websockets },
                "port-forward", target, "-n", ns, $":{remote}");
            try
            {
                var port = await ListeningPortAsync(forward);
                var payload = new byte[3 * 1024 * 1024 + 17];
                new Random(port).NextBytes(payload);

                Assert.Equal(payload, await EchoAsync(port, payload));
                Assert.Equal("hello\n"u8.ToArray(), await EchoAsync(port, "hello\n"u8.ToArray()));
            }
            finally
            {
                forward.Kill(entireProcessTree: true);
            }

            Assert.Contains($"Handling connection for", await forward.StandardOutput.ReadToEndAsync(Cancel), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_port_nothing_listens_on_is_containerds_connection_refused_and_kubectl_ends()
    {
        var ns = await RunningEchoAsync();
        using var forward = k.Start("port-forward", "pod/echo", "-n", ns, ":9999");
        var port = await ListeningPortAsync(forward);

        using (var client = new TcpClient())
        {
            await client.ConnectAsync("127.0.0.1", port, Cancel);
            var buffer = new byte[16];
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            Assert.Equal(0, await client.GetStream().ReadAsync(buffer, timeout.Token));
        }

        Assert.True(forward.WaitForExit(60_000), "kubectl did not end");
        var stderr = await forward.StandardError.ReadToEndAsync(Cancel);
        Assert.Equal(1, forward.ExitCode);
        // klog quotes the error, so its own quotes arrive escaped.
        Assert.Matches(@"an error occurred forwarding \d+ -> 9999: error forwarding port 9999 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace \\?""/var/run/netns/cni-[0-9a-f-]{36}\\?"": failed to connect to localhost:9999 inside namespace \\?""[0-9a-f]{64}\\?"", IPv4: dial tcp4 127.0.0.1:9999: connect: connection refused IPv6 dial tcp6 \[::1\]:9999: connect: connection refused", stderr);
        Assert.EndsWith("error: lost connection to pod\n", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_simulated_nginx_answers_through_a_forward_with_its_page_and_its_log_shows_the_request()
    {
        var ns = await k.CreateNamespaceAsync();
        Assert.Equal(0, (await k.RunAsync("run", "web", "-n", ns, "--image=nginx:1.27")).ExitCode);
        var ready = await k.RunAsync("wait", "-n", ns, "--for=condition=Ready", "pod/web", "--timeout=60s");
        Assert.True(ready.ExitCode == 0, ready.ToString());
        using var forward = k.Start("port-forward", "pod/web", "-n", ns, ":80");
        try
        {
            var port = await ListeningPortAsync(forward);
            using var http = new HttpClient();
            var page = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/"), Cancel);
            Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("nginx/1.27.5", page.Headers.Server.ToString());
            Assert.Contains("<title>Welcome to nginx!</title>", await page.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(new Uri($"http://127.0.0.1:{port}/nope"), Cancel)).StatusCode);
        }
        finally
        {
            forward.Kill(entireProcessTree: true);
        }

        var logs = await k.RunAsync("logs", "web", "-n", ns);
        Assert.Contains("/docker-entrypoint.sh: Configuration complete; ready for start up\n", logs.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\n127\.0\.0\.1 - - \[[^\]]+\] ""GET / HTTP/1\.1"" 200 615 ""-"" ""-"" ""-""\n", logs.Stdout);
        Assert.Matches(@"""GET /nope HTTP/1\.1"" 404 153 ", logs.Stdout);
    }

    [Fact]
    public async Task A_pod_that_is_not_running_is_refused_by_kubectl_before_it_dials()
    {
        var ns = await k.CreateNamespaceAsync();
        Assert.Equal(0, (await k.RunAsync("run", "waiting", "-n", ns, "--image=nginx:no-such-tag")).ExitCode);

        var result = await k.RunAsync("port-forward", "pod/waiting", "-n", ns, "8080:80");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: unable to forward port because pod is not running. Current status=Pending\n", result.Stderr);
    }

    private async Task<string> RunningEchoAsync()
    {
        var ns = await k.CreateNamespaceAsync();
        Assert.Equal(0, (await k.RunAsync("apply", "-n", ns, "-f", k.WriteManifest(EchoPod))).ExitCode);
        var ready = await k.RunAsync("wait", "-n", ns, "--for=condition=Ready", "pod/echo", "--timeout=60s");
        Assert.True(ready.ExitCode == 0, ready.ToString());
        return ns;
    }

    /// <summary>The local port kubectl listens on, from its "Forwarding from 127.0.0.1:PORT -> ..." line.</summary>
    private static async Task<int> ListeningPortAsync(Process forward)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (await forward.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (ForwardingLine().Match(line) is { Success: true } match)
                return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        throw new InvalidOperationException($"kubectl port-forward said nothing about listening: {await forward.StandardError.ReadToEndAsync(Cancel)}");
    }

    /// <summary>Sends <paramref name="payload"/> to 127.0.0.1:PORT, half-closes, and reads everything that comes back.</summary>
    private static async Task<byte[]> EchoAsync(int port, byte[] payload)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, timeout.Token);
        var stream = client.GetStream();
        var send = Task.Run(async () =>
        {
            await stream.WriteAsync(payload, timeout.Token);
            client.Client.Shutdown(SocketShutdown.Send);
        }, timeout.Token);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received, timeout.Token);
        await send;
        return received.ToArray();
    }

    [GeneratedRegex(@"^Forwarding from 127\.0\.0\.1:(\d+) -> \d+$")]
    private static partial Regex ForwardingLine();
}
