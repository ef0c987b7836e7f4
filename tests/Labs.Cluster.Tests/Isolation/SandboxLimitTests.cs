using System.Diagnostics;

namespace Labs.Cluster.Workloads.Isolation;

/// <summary>
/// A fork bomb, a memory hog and a disk fill in one pod are stopped by that pod's own limits, and the next sandbox
/// still starts at once. These need what a node needs (root, cgroups, loop devices); elsewhere they say why they
/// cannot run instead of passing.
/// </summary>
public sealed class SandboxLimitTests : IDisposable
{
    private readonly SandboxHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private static string Limits(string memory = "\"96Mi\"", string storage = "\"32Mi\"") =>
        $$"""{ "cpu": "500m", "memory": {{memory}}, "ephemeral-storage": {{storage}} }""";

    private void RequireLimits()
    {
        var missing = _harness.Sandboxes.Warnings().Where(w => !w.StartsWith("sandboxes run as", StringComparison.Ordinal)).ToList();
        Assert.SkipWhen(missing.Count > 0, string.Join("; ", missing));
    }

    private async Task AnotherSandboxStillAnswersAsync()
    {
        var watch = Stopwatch.StartNew();
        var (output, code) = await _harness.RunAsync(SandboxHarness.Pod("uid-other", "other"), "echo", "alive");
        Assert.Equal((0, "alive\n"), (code, output));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"the next sandbox took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_fork_bomb_hits_the_pods_pids_limit()
    {
        RequireLimits();
        var pod = SandboxHarness.Pod(limits: Limits(), annotations: $$"""{ "{{PodSandboxes.PidsLimitAnnotation}}": "40" }""");

        var (output, _) = await _harness.RunAsync(pod, "bash", "-c",
            // dash gives up at the first failed fork (bash would retry for seconds). Only builtins after the bomb: no
            // process is left to fork. Leaving ends the whole pid namespace, and the sleeps with it.
            "sh -c 'i=0; while [ $i -lt 200 ]; do sleep 60 & i=$((i+1)); done' 2>/dev/null; n=0; for p in /proc/[0-9]*; do n=$((n+1)); done; echo $n");

        var count = int.Parse(output.Split('\n')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(count, 1, 40);
        await AnotherSandboxStillAnswersAsync();
    }

    [Fact]
    public async Task A_memory_hog_is_killed_at_the_pods_memory_limit()
    {
        RequireLimits();
        var pod = SandboxHarness.Pod(limits: Limits());

        // tail keeps the last line in memory, and /dev/zero is one endless line.
        var (output, code) = await _harness.RunAsync(pod, "bash", "-c", "head -c 400M /dev/zero | tail -n 1 >/dev/null; echo exit=${PIPESTATUS[1]}");

        Assert.Contains("exit=137", output, StringComparison.Ordinal); // SIGKILL from the OOM killer of the pod's cgroup.
        Assert.Equal(0, code);
        await AnotherSandboxStillAnswersAsync();
    }

    [Fact]
    public async Task Filling_home_or_tmp_stops_at_the_pods_ephemeral_storage()
    {
        RequireLimits();
        var pod = SandboxHarness.Pod(limits: Limits());

        var (output, _) = await _harness.RunAsync(pod, "bash", "-c",
            "dd if=/dev/zero of=$HOME/fill bs=1M count=100 2>&1 | head -n 1; dd if=/dev/zero of=/tmp/fill bs=1M count=100 2>&1 | head -n 1; " +
            "du -sm $HOME/fill /tmp/fill");

        Assert.Contains("No space left on device", output, StringComparison.Ordinal);
        var sizes = output.Split('\n').Where(l => l.Contains("/fill", StringComparison.Ordinal) && char.IsDigit(l[0]))
            .Select(l => int.Parse(l.Split('\t')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, sizes.Count);
        Assert.True(sizes.Sum() <= 32, $"home and /tmp hold {sizes.Sum()} MiB together, more than the pod's 32Mi");
        await AnotherSandboxStillAnswersAsync();
    }

    [Fact]
    public void A_pods_limits_are_its_containers_limits_summed_with_the_nodes_defaults_for_the_rest()
    {
        var pod = SandboxHarness.Pod(limits: """{ "cpu": "1500m", "memory": "1Gi" }""");
        ((System.Text.Json.Nodes.JsonArray)pod["spec"]!["containers"]!).Add(System.Text.Json.Nodes.JsonNode.Parse(
            """{ "name": "side", "resources": { "limits": { "cpu": "0.5", "memory": "512Mi", "ephemeral-storage": "2Gi" } } }"""));

        var limits = PodSandboxes.Limits(pod, _harness.Options);

        Assert.Equal(1536L * 1024 * 1024, limits.MemoryBytes);
        Assert.Equal(2000, limits.CpuMillis);
        Assert.Equal(_harness.Options.PodPidsLimit, limits.Pids);
        Assert.Equal(_harness.Options.DefaultPodStorageBytes, limits.StorageBytes); // One container set none.
        Assert.Null(PodSandboxes.Limits(SandboxHarness.Pod(), _harness.Options).MemoryBytes);
    }
}
