namespace Labs.Conformance.Tests;

/// <summary>
/// kubectl drain through the eviction subresource, honouring a PodDisruptionBudget, on a cluster of its own (a drain
/// moves every pod of the node, whoever's).
/// </summary>
public sealed class KubectlDrainTests(WorkloadCluster k) : IClassFixture<WorkloadCluster>
{
    [Fact]
    public async Task Drain_evicts_within_the_disruption_budget_and_the_replicas_come_back_elsewhere()
    {
        var ns = await k.CreateNamespaceAsync();
        Assert.Equal(0, (await k.RunAsync("create", "deployment", "web", "--image=nginx", "--replicas=3", "-n", ns)).ExitCode);
        Assert.Equal(0, (await k.RunAsync("create", "pdb", "web", "--selector=app=web", "--min-available=2", "-n", ns)).ExitCode);
        var rollout = await k.RunAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=90s");
        Assert.True(rollout.ExitCode == 0, rollout.ToString());

        // The budget's status follows the pods: three healthy, two needed, one disruption allowed.
        var allowed = await k.RunAsync("wait", "pdb/web", "-n", ns, "--for=jsonpath={.status.disruptionsAllowed}=1", "--timeout=60s");
        Assert.True(allowed.ExitCode == 0, allowed.ToString());

        var node = (await k.RunAsync("get", "pods", "-n", ns, "-o", "jsonpath={.items[0].spec.nodeName}")).Stdout.Trim();
        // Only this test's pods: the other test's bare pod may share the node, and drain refuses bare pods without --force.
        var drain = await k.RunAsync("drain", node, "--ignore-daemonsets", "--timeout=90s", "--pod-selector=app=web");
        Assert.True(drain.ExitCode == 0, drain.ToString());
        Assert.Contains($"node/{node} drained", drain.Stdout, StringComparison.Ordinal);
        Assert.Contains("evicted", drain.Stdout, StringComparison.Ordinal);

        var left = await k.RunAsync("get", "pods", "-n", ns, "--field-selector", $"spec.nodeName={node}", "-o", "name");
        Assert.Equal(string.Empty, left.Stdout.Trim());
        var back = await k.RunAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=90s");
        Assert.True(back.ExitCode == 0, back.ToString());
        Assert.Equal(0, (await k.RunAsync("uncordon", node)).ExitCode);
    }

    [Fact]
    public async Task An_eviction_the_budget_does_not_allow_is_refused_with_the_budgets_words()
    {
        var ns = await k.CreateNamespaceAsync();
        Assert.Equal(0, (await k.RunAsync("run", "solo", "--image=nginx", "--labels=app=solo", "-n", ns)).ExitCode);
        Assert.Equal(0, (await k.RunAsync("create", "pdb", "solo", "--selector=app=solo", "--min-available=1", "-n", ns)).ExitCode);
        Assert.Equal(0, (await k.RunAsync("wait", "pod/solo", "-n", ns, "--for=condition=Ready", "--timeout=90s")).ExitCode);
        var node = (await k.RunAsync("get", "pod", "solo", "-n", ns, "-o", "jsonpath={.spec.nodeName}")).Stdout.Trim();

        // A bare pod has no controller: --force lets drain try it, and the budget refuses until the timeout.
        var drain = await k.RunAsync("drain", node, "--ignore-daemonsets", "--force", "--timeout=8s", "--pod-selector=app=solo");
        Assert.NotEqual(0, drain.ExitCode);
        Assert.Contains("Cannot evict pod as it would violate the pod's disruption budget.", drain.Stdout + drain.Stderr, StringComparison.Ordinal);
        Assert.Equal("Running", (await k.RunAsync("get", "pod", "solo", "-n", ns, "-o", "jsonpath={.status.phase}")).Stdout.Trim());
        Assert.Equal(0, (await k.RunAsync("uncordon", node)).ExitCode);
    }
}
