using System.Text;
using k8s;
using k8s.Models;
using Labs.Kube;

namespace Labs.Conformance.Tests.Client;

/// <summary>
/// Exec and logs through KubernetesClient against the embedded cluster's simulated kubelet: the WebSocket channel
/// protocol (v5 and v4), stdin and its end, stdout and stderr, resize, exit codes, refusals, and pods/log.
/// </summary>
public sealed class ExecContractTests(WorkloadClientCluster cluster) : IClassFixture<WorkloadClientCluster>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_client_offers_v5_and_the_server_takes_it_so_stdin_can_be_closed()
    {
        var (ns, pod) = await RunningPodAsync();

        await using var exec = await new PodExec(cluster.Client).StartAsync(new ExecRequest(ns, pod, ["cat"], Tty: false), Ct);
        Assert.True(((DemuxedExecSession)exec).IsV5);
        await exec.WriteStdinAsync("hello through v5\n"u8.ToArray(), Ct);
        await exec.CloseStdinAsync(Ct);

        var (stdout, stderr) = await ReadAllAsync(exec);
        Assert.Equal("hello through v5\n", stdout);
        Assert.Equal("", stderr);
        Assert.Equal(0, await exec.Completion);
    }

    [Fact]
    public async Task Stdout_stderr_and_a_non_zero_exit_code_arrive_apart()
    {
        var (ns, pod) = await RunningPodAsync();

        await using var exec = await new PodExec(cluster.Client).StartAsync(
            new ExecRequest(ns, pod, ["sh", "-c", "echo out; echo err >&2; exit 3"], Tty: false, Stdin: false), Ct);

        var (stdout, stderr) = await ReadAllAsync(exec);
        Assert.Equal("out\n", stdout);
        Assert.Equal("err\n", stderr);
        Assert.Equal(3, await exec.Completion);
    }

    [Fact]
    public async Task A_terminal_gets_its_size_and_the_shell_reads_its_input()
    {
        var (ns, pod) = await RunningPodAsync();

        await using var exec = await new PodExec(cluster.Client).StartAsync(new ExecRequest(ns, pod, ["bash", "--norc", "-i"], Tty: true), Ct);
        await exec.ResizeAsync(123, 45, Ct);
        await exec.WriteStdinAsync("stty size; exit 7\n"u8.ToArray(), Ct);

        var (stdout, _) = await ReadAllAsync(exec);
        Assert.Contains("45 123", stdout, StringComparison.Ordinal);
        Assert.True(await exec.Completion == 7, stdout);
    }

    [Fact]
    public async Task A_client_that_offers_only_v4_still_runs_commands_but_cannot_close_stdin_alone()
    {
        var (ns, pod) = await RunningPodAsync();
        using var v4Only = new Kubernetes(cluster.Configuration);

        await using var exec = await new PodExec(v4Only).StartAsync(new ExecRequest(ns, pod, ["sh", "-c", "echo v4"], Tty: false), Ct);

        Assert.False(((DemuxedExecSession)exec).IsV5);
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => exec.CloseStdinAsync(Ct));
        Assert.Contains("v4.channel.k8s.io", error.Message, StringComparison.Ordinal);
        var (stdout, _) = await ReadAllAsync(exec);
        Assert.Equal("v4\n", stdout);
        Assert.Equal(0, await exec.Completion);
    }

    [Fact]
    public async Task Exec_into_a_pod_that_does_not_exist_says_so()
    {
        var ns = await NamespaceAsync();

        var error = await Assert.ThrowsAsync<KubernetesException>(
            () => new PodExec(cluster.Client).StartAsync(new ExecRequest(ns, "ghost", ["true"]), Ct));

        Assert.Equal("pods \"ghost\" not found", error.Message);
    }

    [Fact]
    public async Task The_pods_log_is_read_as_a_stream_and_a_wrong_container_is_refused_with_the_servers_reason()
    {
        var (ns, pod) = await RunningPodAsync();

        // The container's output, once it has written it (the pod is Running from the moment the process starts).
        var text = "";
        for (var attempt = 0; attempt < 300 && text.Length == 0; attempt++)
        {
            await using var log = await cluster.Client.CoreV1.ReadNamespacedPodLogAsync(pod, ns, cancellationToken: Ct);
            text = await new StreamReader(log, Encoding.UTF8).ReadToEndAsync(Ct);
            if (text.Length == 0)
            {
                await Task.Delay(100, Ct);
            }
        }

        Assert.Equal("ready to serve\n", text);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => cluster.Client.CoreV1.ReadNamespacedPodLogAsync(pod, ns, container: "nope", cancellationToken: Ct));
        Assert.Equal(400, error.Code());
        Assert.Contains("nope", error.Status()?.Message, StringComparison.Ordinal);
    }

    private static async Task<(string Stdout, string Stderr)> ReadAllAsync(IExecSession exec)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await foreach (var chunk in exec.ReadOutputAsync(timeout.Token))
        {
            (chunk.Stream == 2 ? stderr : stdout).Append(Encoding.UTF8.GetString(chunk.Data.Span));
        }

        return (stdout.ToString(), stderr.ToString());
    }

    private async Task<string> NamespaceAsync()
    {
        var name = "x-" + Guid.NewGuid().ToString("N")[..8];
        await cluster.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }, cancellationToken: Ct);
        return name;
    }

    private async Task<(string Namespace, string Pod)> RunningPodAsync()
    {
        var ns = await NamespaceAsync();
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "box" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Image = "busybox", Command = ["sh", "-c", "echo ready to serve; sleep 3600"] }] },
        };
        await cluster.Client.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: Ct);
        await cluster.Client.WaitForPodAsync(ns, "box", p => p.Status?.Phase == "Running", TimeSpan.FromSeconds(90), Ct);
        return (ns, "box");
    }
}
