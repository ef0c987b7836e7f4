using System.Text.RegularExpressions;

namespace Labs.Conformance.Tests;

/// <summary>
/// kubectl top against the metrics.k8s.io API the workloads serve, as metrics-server serves it. The figures are
/// simulated (or measured in a sandbox's cgroup), so only their shape is compared; on a cluster without workloads,
/// as without metrics-server, kubectl says the API is not available.
/// </summary>
public sealed partial class KubectlTopTests(WorkloadCluster k) : IClassFixture<WorkloadCluster>
{
    [Fact]
    public async Task Top_pod_lists_running_pods_with_cpu_and_memory_and_reports_missing_ones_as_metrics_server_does()
    {
        var ns = await k.CreateNamespaceAsync();
        Assert.Equal(0, (await k.RunAsync("run", "meter", "--image=nginx", "--labels=app=meter", "-n", ns)).ExitCode);
        var ready = await k.RunAsync("wait", "--for=condition=Ready", "pod/meter", "-n", ns, "--timeout=90s");
        Assert.True(ready.ExitCode == 0, ready.ToString());

        var top = await k.RunAsync("top", "pod", "-n", ns);
        Assert.True(top.ExitCode == 0, top.ToString());
        Assert.Matches(PodTable(), top.Stdout);

        var containers = await k.RunAsync("top", "pod", "meter", "--containers", "-n", ns);
        Assert.Matches(ContainerTable(), containers.Stdout);

        var none = await k.RunAsync("top", "pod", "-l", "app=nothing", "-n", ns);
        Assert.Equal(0, none.ExitCode);
        Assert.Contains($"No resources found in {ns} namespace.", none.Stderr, StringComparison.Ordinal);

        var missing = await k.RunAsync("top", "pod", "nope", "-n", ns);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("Error from server (NotFound): pod \"nope\" not found", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Top_node_shows_every_node_against_its_allocatable()
    {
        var top = await k.RunAsync("top", "node");
        Assert.True(top.ExitCode == 0, top.ToString());
        Assert.Matches(NodeTable(), top.Stdout);
        Assert.Contains("labs-node-1", top.Stdout, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s*\nmeter\s+\d+m\s+\d+Mi\s*\n$")]
    private static partial Regex PodTable();

    [GeneratedRegex(@"^POD\s+NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s*\nmeter\s+meter\s+\d+m\s+\d+Mi\s*\n$")]
    private static partial Regex ContainerTable();

    [GeneratedRegex(@"^NAME\s+CPU\(cores\)\s+CPU\(%\)\s+MEMORY\(bytes\)\s+MEMORY\(%\)\s*\n(labs-node-\d+\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%\s*\n)+$")]
    private static partial Regex NodeTable();
}
