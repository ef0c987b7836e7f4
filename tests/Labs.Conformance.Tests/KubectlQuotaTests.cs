namespace Labs.Conformance.Tests;

/// <summary>ResourceQuota and LimitRange as a learner meets them through kubectl.</summary>
public sealed class KubectlQuotaTests(WorkloadCluster k) : IClassFixture<WorkloadCluster>
{
    private static string Limits(string ns) => $"""
        apiVersion: v1
        kind: LimitRange
        metadata:
          name: labs-budget
          namespace: {ns}
        spec:
          limits:
          - type: Container
            default: {"{"}cpu: 200m, memory: 128Mi{"}"}
            defaultRequest: {"{"}cpu: 50m, memory: 64Mi{"}"}
            max: {"{"}cpu: "1", memory: 1Gi{"}"}
        """;

    [Fact]
    public async Task Create_quota_then_run_over_it_fails_with_the_real_error()
    {
        var ns = await k.CreateNamespaceAsync();
        var create = await k.RunAsync("create", "quota", "labs-budget", "--hard=pods=1,configmaps=5", "-n", ns);
        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.Contains("resourcequota/labs-budget created", create.Stdout, StringComparison.Ordinal);

        var first = await k.RunAsync("run", "one", "--image=nginx", "-n", ns);
        Assert.True(first.ExitCode == 0, first.ToString());
        var second = await k.RunAsync("run", "two", "--image=nginx", "-n", ns);

        Assert.Equal(1, second.ExitCode);
        Assert.Equal(
            "Error from server (Forbidden): pods \"two\" is forbidden: exceeded quota: labs-budget, requested: pods=1, used: pods=1, limited: pods=1\n",
            second.Stderr);
        var dry = await k.RunAsync("run", "three", "--image=nginx", "-n", ns, "--dry-run=server");
        Assert.Equal(1, dry.ExitCode);
        Assert.Contains("exceeded quota: labs-budget", dry.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_and_get_quota_show_used_over_hard()
    {
        var ns = await k.CreateNamespaceAsync();
        await k.RunAsync("create", "quota", "labs-budget", "--hard=pods=10,limits.cpu=2,limits.memory=2Gi", "-n", ns);
        await k.RunAsync("apply", "-f", k.WriteManifest(Limits(ns)));
        var run = await k.RunAsync("run", "one", "--image=nginx", "-n", ns);
        Assert.True(run.ExitCode == 0, run.ToString());

        var describe = await k.RunAsync("describe", "quota", "labs-budget", "-n", ns);
        Assert.True(describe.ExitCode == 0, describe.ToString());
        Assert.Matches(@"Resource\s+Used\s+Hard", describe.Stdout);
        Assert.Matches(@"limits\.cpu\s+200m\s+2\n", describe.Stdout);
        Assert.Matches(@"limits\.memory\s+128Mi\s+2Gi\n", describe.Stdout);
        Assert.Matches(@"pods\s+1\s+10\n", describe.Stdout);

        var get = await k.RunAsync("get", "quota", "-n", ns);
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Matches(@"NAME\s+AGE\s+REQUEST\s+LIMIT", get.Stdout);
        Assert.Matches(@"labs-budget\s+\S+\s+pods: 1/10\s+limits\.cpu: 200m/2, limits\.memory: 128Mi/2Gi", get.Stdout);
    }

    [Fact]
    public async Task Get_and_describe_limitrange_and_the_defaults_it_sets()
    {
        var ns = await k.CreateNamespaceAsync();
        var apply = await k.RunAsync("apply", "-f", k.WriteManifest(Limits(ns)));
        Assert.True(apply.ExitCode == 0, apply.ToString());

        var get = await k.RunAsync("get", "limitrange", "-n", ns);
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Matches(@"NAME\s+CREATED AT", get.Stdout);
        Assert.Matches(@"labs-budget\s+\d{4}-\d{2}-\d{2}T", get.Stdout);
        var describe = await k.RunAsync("describe", "limits", "labs-budget", "-n", ns);
        Assert.Matches(@"Container\s+cpu\s+-\s+1\s+50m\s+200m\s+-", describe.Stdout);

        var big = await k.RunAsync("run", "big", "--image=nginx", "-n", ns,
            """--overrides={"spec":{"containers":[{"name":"big","image":"nginx","resources":{"limits":{"cpu":"2"}}}]}}""");
        Assert.Equal(1, big.ExitCode);
        Assert.Contains("Error from server (Forbidden): pods \"big\" is forbidden: maximum cpu usage per Container is 1, but limit is 2", big.Stderr, StringComparison.Ordinal);

        await k.RunAsync("run", "plain", "--image=nginx", "-n", ns);
        var annotation = await k.RunAsync("get", "pod", "plain", "-n", ns, "-o", @"jsonpath={.metadata.annotations.kubernetes\.io/limit-ranger}");
        Assert.Equal("LimitRanger plugin set: cpu, memory request for container plain; cpu, memory limit for container plain", annotation.Stdout);
    }

    [Fact]
    public async Task A_deployment_scaled_past_the_quota_shows_replica_failure()
    {
        var ns = await k.CreateNamespaceAsync();
        await k.RunAsync("create", "quota", "labs-budget", "--hard=pods=2", "-n", ns);
        var create = await k.RunAsync("create", "deployment", "web", "--image=nginx", "--replicas=1", "-n", ns);
        Assert.True(create.ExitCode == 0, create.ToString());
        var scale = await k.RunAsync("scale", "deployment/web", "--replicas=5", "-n", ns);
        Assert.True(scale.ExitCode == 0, scale.ToString());

        var wait = await k.RunAsync("wait", "--for=condition=ReplicaFailure", "replicaset", "-l", "app=web", "-n", ns, "--timeout=60s");
        Assert.True(wait.ExitCode == 0, wait.ToString());
        var describe = await k.RunAsync("describe", "replicaset", "-l", "app=web", "-n", ns);
        Assert.Matches(@"ReplicaFailure\s+True\s+FailedCreate", describe.Stdout);
        Assert.Matches(@"Warning\s+FailedCreate\s+.*replicaset-controller\s+Error creating: pods ""web-[a-z0-9]+-[a-z0-9]{5}"" is forbidden: exceeded quota: labs-budget, requested: pods=1, used: pods=2, limited: pods=2", describe.Stdout);
        var pods = await k.RunAsync("get", "pods", "-n", ns, "-o", "name");
        Assert.Equal(2, pods.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
