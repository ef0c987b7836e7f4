using System.Text.Json.Nodes;
using Labs.Cluster.Tests.Api;

namespace Labs.Cluster.Tests.Registry;

public sealed class VersionConversionTests
{
    private const string V2Autoscaler = """
        {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"api"},
         "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"api"},"maxReplicas":4,
                 "metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":60}}}]}}
        """;

    private const string V1Autoscaler = """
        {"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler","metadata":{"name":"web"},
         "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},"minReplicas":2,"maxReplicas":5,
                 "targetCPUUtilizationPercentage":70}}
        """;

    [Fact]
    public async Task An_autoscaler_created_as_v2_is_read_as_v1_with_its_cpu_target()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var (created, _, _) = await cluster.PostAsync("/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers", V2Autoscaler);
        Assert.Equal(201, created);

        var (status, body, _) = await cluster.GetAsync("/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/api");

        Assert.Equal(200, status);
        Assert.Equal("autoscaling/v1", (string?)body!["apiVersion"]);
        Assert.Equal(60, (int)body["spec"]!["targetCPUUtilizationPercentage"]!);
        Assert.Null(body["spec"]!["metrics"]);
    }

    [Fact]
    public async Task An_autoscaler_created_as_v1_is_stored_as_v2_with_a_cpu_metric_and_no_behavior()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var (created, answer, _) = await cluster.PostAsync("/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers", V1Autoscaler);
        Assert.Equal(201, created);
        Assert.Equal("autoscaling/v1", (string?)answer!["apiVersion"]);

        var (status, body, _) = await cluster.GetAsync("/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/web");

        Assert.Equal(200, status);
        Assert.Equal("autoscaling/v2", (string?)body!["apiVersion"]);
        var metric = body["spec"]!["metrics"]![0]!;
        Assert.Equal("cpu", (string?)metric["resource"]!["name"]);
        Assert.Equal(70, (int)metric["resource"]!["target"]!["averageUtilization"]!);
        Assert.Equal(2, (int)body["spec"]!["minReplicas"]!);
        Assert.Null(body["spec"]!["behavior"]);
    }

    [Fact]
    public async Task A_list_in_v1_converts_every_item()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.PostAsync("/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers", V2Autoscaler);

        var (_, body, _) = await cluster.GetAsync("/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers");

        var item = body!["items"]!.AsArray().Single()!;
        Assert.Equal(60, (int)item["spec"]!["targetCPUUtilizationPercentage"]!);
    }

    [Fact]
    public async Task Discovery_prefers_autoscaling_v2_and_serves_v1()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var (_, body, _) = await cluster.GetAsync("/apis/autoscaling");

        Assert.Equal("autoscaling/v2", (string?)body!["preferredVersion"]!["groupVersion"]);
        Assert.Equal(["v2", "v1"], body["versions"]!.AsArray().Select(v => (string?)v!["version"]));
    }
}
