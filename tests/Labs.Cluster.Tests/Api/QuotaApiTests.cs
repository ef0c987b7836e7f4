using System.Text.Json.Nodes;

namespace Labs.Cluster.Tests.Api;

/// <summary>ResourceQuota and LimitRange through the HTTP API, as kubectl and the official client see them.</summary>
public sealed class QuotaApiTests
{
    private const string Table = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

    private const string Quota = """
        {"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"labs-budget"},
         "spec":{"hard":{"pods":"2","requests.cpu":"1","limits.cpu":"2","limits.memory":"2Gi"}}}
        """;

    private const string Limits = """
        {"apiVersion":"v1","kind":"LimitRange","metadata":{"name":"labs-budget"},
         "spec":{"limits":[{"type":"Container","default":{"cpu":"500m","memory":"256Mi"},"defaultRequest":{"cpu":"100m","memory":"64Mi"},"max":{"cpu":"1"}}]}}
        """;

    private static string Pod(string name) =>
        $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}"},"spec":{"containers":[{"name":"app","image":"nginx"}]}}""";

    [Fact]
    public async Task Resourcequotas_and_limitranges_are_served_kinds_with_their_short_names()
    {
        await using var cluster = await ApiTestCluster.StartAsync();

        var (_, body, _) = await cluster.GetAsync("/api/v1");

        var resources = body!["resources"]!.AsArray().OfType<JsonObject>().ToDictionary(r => (string)r["name"]!);
        Assert.Equal("quota", (string?)resources["resourcequotas"]["shortNames"]![0]);
        Assert.Equal("ResourceQuota", (string?)resources["resourcequotas"]["kind"]);
        Assert.True(resources.ContainsKey("resourcequotas/status"));
        Assert.Equal("limits", (string?)resources["limitranges"]["shortNames"]![0]);
        Assert.True((bool)resources["limitranges"]["namespaced"]!);
    }

    [Fact]
    public async Task A_pod_over_the_quota_is_answered_with_a_forbidden_status()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        Assert.Equal(201, (await cluster.PostAsync("/api/v1/namespaces/default/resourcequotas", Quota)).Status);
        Assert.Equal(201, (await cluster.PostAsync("/api/v1/namespaces/default/limitranges", Limits)).Status);
        await cluster.PostAsync("/api/v1/namespaces/default/pods", Pod("a"));
        await cluster.PostAsync("/api/v1/namespaces/default/pods", Pod("b"));

        var (status, body, _) = await cluster.PostAsync("/api/v1/namespaces/default/pods", Pod("c"));

        Assert.Equal(403, status);
        Assert.Equal("Status", (string?)body!["kind"]);
        Assert.Equal("Failure", (string?)body["status"]);
        Assert.Equal("Forbidden", (string?)body["reason"]);
        Assert.Equal("pods \"c\" is forbidden: exceeded quota: labs-budget, requested: pods=1, used: pods=2, limited: pods=2", (string?)body["message"]);
        Assert.Equal("c", (string?)body["details"]!["name"]);
        Assert.Equal("pods", (string?)body["details"]!["kind"]);
    }

    [Fact]
    public async Task The_quota_status_and_table_show_used_over_hard()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.PostAsync("/api/v1/namespaces/default/resourcequotas", Quota);
        await cluster.PostAsync("/api/v1/namespaces/default/limitranges", Limits);
        var created = await cluster.PostAsync("/api/v1/namespaces/default/pods", Pod("a"));
        Assert.Equal("LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app",
            (string?)created.Body!["metadata"]!["annotations"]!["kubernetes.io/limit-ranger"]);

        var quota = (await cluster.GetAsync("/api/v1/namespaces/default/resourcequotas/labs-budget")).Body!;
        Assert.Equal("""{"limits.cpu":"500m","limits.memory":"256Mi","pods":"1","requests.cpu":"100m"}""", quota["status"]!["used"]!.ToJsonString());
        Assert.Equal("""{"limits.cpu":"2","limits.memory":"2Gi","pods":"2","requests.cpu":"1"}""", quota["status"]!["hard"]!.ToJsonString());

        var table = (await cluster.GetAsync("/api/v1/namespaces/default/resourcequotas", Table)).Body!;
        Assert.Equal(["Name", "Age", "Request", "Limit"], table["columnDefinitions"]!.AsArray().Select(c => (string)c!["name"]!));
        var cells = table["rows"]![0]!["cells"]!.AsArray();
        Assert.Equal("pods: 1/2, requests.cpu: 100m/1", (string?)cells[2]);
        Assert.Equal("limits.cpu: 500m/2, limits.memory: 256Mi/2Gi", (string?)cells[3]);

        var ranges = (await cluster.GetAsync("/api/v1/namespaces/default/limitranges", Table)).Body!;
        Assert.Equal(["Name", "Created At"], ranges["columnDefinitions"]!.AsArray().Select(c => (string)c!["name"]!));
    }

    [Fact]
    public async Task A_dry_run_is_admitted_like_a_real_create_and_stores_nothing()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.PostAsync("/api/v1/namespaces/default/resourcequotas", Quota);
        await cluster.PostAsync("/api/v1/namespaces/default/limitranges", Limits);

        var dry = await cluster.PostAsync("/api/v1/namespaces/default/pods?dryRun=All", Pod("probe"));
        Assert.Equal(201, dry.Status);
        Assert.Equal("500m", (string?)dry.Body!["spec"]!["containers"]![0]!["resources"]!["limits"]!["cpu"]);
        Assert.Equal(404, (await cluster.GetAsync("/api/v1/namespaces/default/pods/probe")).Status);

        await cluster.PostAsync("/api/v1/namespaces/default/pods", Pod("a"));
        await cluster.PostAsync("/api/v1/namespaces/default/pods", Pod("b"));
        var refused = await cluster.PostAsync("/api/v1/namespaces/default/pods?dryRun=All", Pod("c"));
        Assert.Equal(403, refused.Status);
        Assert.Contains("exceeded quota: labs-budget", (string?)refused.Body!["message"], StringComparison.Ordinal);

        var tooBig = await cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods?dryRun=All", """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"big"},"spec":{"containers":[{"name":"app","image":"nginx","resources":{"limits":{"cpu":"2"}}}]}}
            """);
        Assert.Equal(403, tooBig.Status);
    }

    [Fact]
    public async Task Invalid_quantities_are_a_bad_request_and_invalid_limits_are_unprocessable()
    {
        await using var cluster = await ApiTestCluster.StartAsync();

        var bad = await cluster.PostAsync("/api/v1/namespaces/default/resourcequotas",
            """{"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"q"},"spec":{"hard":{"memory":"2 GB"}}}""");
        Assert.Equal(400, bad.Status);
        Assert.Equal("BadRequest", (string?)bad.Body!["reason"]);
        Assert.Equal("ResourceQuota in version \"v1\" cannot be handled as a ResourceQuota: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
            (string?)bad.Body["message"]);

        var negative = await cluster.PostAsync("/api/v1/namespaces/default/resourcequotas",
            """{"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"q"},"spec":{"hard":{"pods":"-1"}}}""");
        Assert.Equal(422, negative.Status);
        Assert.Equal("ResourceQuota \"q\" is invalid: spec.hard[pods]: Invalid value: \"-1\": must be greater than or equal to 0", (string?)negative.Body!["message"]);
        Assert.Equal("spec.hard[pods]", (string?)negative.Body["details"]!["causes"]![0]!["field"]);
    }

    [Fact]
    public async Task A_deployment_far_over_the_quota_ends_with_the_quotas_pods_and_a_replica_failure()
    {
        await using var cluster = await ApiTestCluster.StartAsync(runWorkloads: true);
        await cluster.PostAsync("/api/v1/namespaces/default/resourcequotas",
            """{"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"labs-budget"},"spec":{"hard":{"pods":"10"}}}""");

        var created = await cluster.PostAsync("/apis/apps/v1/namespaces/default/deployments", """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"flood"},"spec":{"replicas":2000,"selector":{"matchLabels":{"app":"flood"}},
             "template":{"metadata":{"labels":{"app":"flood"}},"spec":{"containers":[{"name":"app","image":"nginx"}]}}}}
            """);
        Assert.Equal(201, created.Status);

        var condition = await Workloads.Eventually.UntilAsync(() => ReplicaFailureAsync(cluster), "the ReplicaSet's ReplicaFailure condition");
        Assert.Equal("FailedCreate", (string?)condition["reason"]);
        Assert.Contains("exceeded quota: labs-budget, requested: pods=1, used: pods=10, limited: pods=10", (string?)condition["message"], StringComparison.Ordinal);
        var pods = (await cluster.GetAsync("/api/v1/namespaces/default/pods")).Body!["items"]!.AsArray();
        Assert.Equal(10, pods.Count);
    }

    private static async Task<JsonObject?> ReplicaFailureAsync(ApiTestCluster cluster)
    {
        var sets = (await cluster.GetAsync("/apis/apps/v1/namespaces/default/replicasets")).Body!["items"]!.AsArray();
        return sets.OfType<JsonObject>()
            .SelectMany(rs => rs["status"]?["conditions"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .FirstOrDefault(c => (string?)c["type"] == "ReplicaFailure");
    }
}
