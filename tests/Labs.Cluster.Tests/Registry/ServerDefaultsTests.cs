using System.Text.Json.Nodes;
using Labs.Cluster.Tests.Api;

namespace Labs.Cluster.Tests.Registry;

/// <summary>Defaults kube-apiserver fills in that the embedded cluster must fill in the same way (SetDefaults_*).</summary>
public sealed class ServerDefaultsTests
{
    private const string Autoscalers = "/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers";

    [Fact]
    public async Task An_autoscaler_without_a_behavior_is_given_none()
    {
        await using var cluster = await ApiTestCluster.StartAsync();

        var (status, body, _) = await cluster.PostAsync(Autoscalers, Autoscaler("plain", behavior: null));

        Assert.Equal(201, status);
        Assert.Equal(1, (int)body!["spec"]!["minReplicas"]!);
        Assert.Equal(80, (int)body["spec"]!["metrics"]![0]!["resource"]!["target"]!["averageUtilization"]!);
        Assert.Null(body["spec"]!["behavior"]);
    }

    [Fact]
    public async Task A_behavior_given_in_part_is_completed_with_the_default_rules_and_no_scale_down_window()
    {
        await using var cluster = await ApiTestCluster.StartAsync();

        var (status, body, _) = await cluster.PostAsync(Autoscalers, Autoscaler("tuned", """{"scaleUp":{"selectPolicy":"Min"}}"""));

        Assert.Equal(201, status);
        var expected = JsonNode.Parse("""
            {"scaleUp":{"selectPolicy":"Min","stabilizationWindowSeconds":0,
                        "policies":[{"type":"Pods","value":4,"periodSeconds":15},{"type":"Percent","value":100,"periodSeconds":15}]},
             "scaleDown":{"selectPolicy":"Max","policies":[{"type":"Percent","value":100,"periodSeconds":15}]}}
            """);
        var behavior = body!["spec"]!["behavior"];
        Assert.True(JsonNode.DeepEquals(expected, behavior), behavior?.ToJsonString());
    }

    [Fact]
    public async Task A_csi_driver_is_given_the_storage_v1_defaults()
    {
        await using var cluster = await ApiTestCluster.StartAsync();

        var (status, body, _) = await cluster.PostAsync("/apis/storage.k8s.io/v1/csidrivers",
            """{"apiVersion":"storage.k8s.io/v1","kind":"CSIDriver","metadata":{"name":"hostpath.csi.k8s.io"},"spec":{"podInfoOnMount":true}}""");

        Assert.Equal(201, status);
        var expected = JsonNode.Parse("""
            {"attachRequired":true,"podInfoOnMount":true,"storageCapacity":false,"fsGroupPolicy":"ReadWriteOnceWithFSType",
             "requiresRepublish":false,"seLinuxMount":false,"volumeLifecycleModes":["Persistent"]}
            """);
        Assert.True(JsonNode.DeepEquals(expected, body!["spec"]), body["spec"]?.ToJsonString());
    }

    private static string Autoscaler(string name, string? behavior)
    {
        var spec = new JsonObject
        {
            ["scaleTargetRef"] = new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = "web" },
            ["maxReplicas"] = 4,
        };
        if (behavior is not null)
        {
            spec["behavior"] = JsonNode.Parse(behavior);
        }

        return new JsonObject
        {
            ["apiVersion"] = "autoscaling/v2", ["kind"] = "HorizontalPodAutoscaler", ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec,
        }.ToJsonString();
    }
}
