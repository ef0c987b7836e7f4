namespace Labs.Conformance.Tests;

/// <summary>
/// Pod commands that need a kubelet, against a cluster whose workloads run: graceful deletion that kubectl waits out,
/// and the interactive subresources.
/// </summary>
public sealed class KubectlPodTests(WorkloadCluster k) : IClassFixture<WorkloadCluster>
{
    private async Task RunningAsync(string ns, params string[] runArgs)
    {
        var run = await k.RunAsync(["run", .. runArgs, "-n", ns]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var ready = await k.RunAsync("wait", $"pod/{runArgs[0]}", "-n", ns, "--for=condition=Ready", "--timeout=60s");
        Assert.True(ready.ExitCode == 0, ready.ToString());
    }

    [Fact]
    public async Task Delete_waits_until_the_kubelet_has_stopped_the_pod_and_removed_it()
    {
        var ns = await k.CreateNamespaceAsync();
        await RunningAsync(ns, "web", "--image=nginx");

        var delete = await k.RunAsync("delete", "pod", "web", "-n", ns, "--timeout=60s");

        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Equal("pod \"web\" deleted", delete.Stdout.Trim());
        var get = await k.RunAsync("get", "pod", "web", "-n", ns);
        Assert.Equal(1, get.ExitCode);
        Assert.Equal("Error from server (NotFound): pods \"web\" not found", get.Stderr.Trim());
    }
}
