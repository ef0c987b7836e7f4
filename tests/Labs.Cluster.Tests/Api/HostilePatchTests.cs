using System.Text.Json.Nodes;

namespace Labs.Cluster.Tests.Api;

/// <summary>Patches whose result could not be decoded: refused as the real API server refuses them, and never stored.</summary>
public sealed class HostilePatchTests
{
    private const string Web = "/apis/apps/v1/namespaces/default/deployments/web";

    private const string Deployment = """
        {"metadata":{"name":"web"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
         "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}
        """;

    [Theory]
    [InlineData("application/merge-patch+json", """{"spec":{"replicas":"x"}}""",
        "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32")]
    [InlineData("application/merge-patch+json", """{"spec":{"replicas":1e12}}""",
        "json: cannot unmarshal number 1e12 into Go struct field DeploymentSpec.spec.replicas of type int32")]
    [InlineData("application/json-patch+json", """[{"op":"replace","path":"/spec/replicas","value":2.5}]""",
        "json: cannot unmarshal number 2.5 into Go struct field DeploymentSpec.spec.replicas of type int32")]
    [InlineData("application/strategic-merge-patch+json", """{"spec":{"replicas":"x"}}""", "unrecognized type: int32")]
    [InlineData("application/strategic-merge-patch+json", """{"spec":{"replicas":1e12}}""", "cannot convert float64 to int32")]
    [InlineData("application/strategic-merge-patch+json", """{"spec":{"template":"x"}}""", "cannot restore struct from: string")]
    public async Task A_patch_whose_result_does_not_decode_is_invalid_and_not_stored(string type, string patch, string error)
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.PostAsync("/apis/apps/v1/namespaces/default/deployments", Deployment);

        var result = await cluster.SendAsync(HttpMethod.Patch, Web, patch, type);

        Assert.Equal(422, result.Status);
        Assert.Equal("Invalid", (string?)result.Body!["reason"]);
        var cause = result.Body["details"]!["causes"]![0]!;
        Assert.Equal("patch", (string?)cause["field"]);
        Assert.StartsWith("Invalid value: \"", (string?)cause["message"], StringComparison.Ordinal);
        Assert.EndsWith(": " + error, (string?)cause["message"], StringComparison.Ordinal);
        Assert.StartsWith(" \"\" is invalid: patch: Invalid value: ", (string?)result.Body["message"], StringComparison.Ordinal);
        var stored = await cluster.GetAsync(Web);
        Assert.Equal(2, (int)stored.Body!["spec"]!["replicas"]!);
        await cluster.AssertStoreReadableAsync("/apis/apps/v1/deployments");
    }

    [Fact]
    public async Task A_merge_patch_shows_the_patched_object_as_go_wrote_it_with_sorted_keys()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.PostAsync("/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"c"},"data":{"k":"v"}}""");

        var result = await cluster.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/c", """{"data":5}""", "application/merge-patch+json");

        Assert.Equal(422, result.Status);
        var message = (string?)result.Body!["details"]!["causes"]![0]!["message"];
        Assert.StartsWith("Invalid value: \"{\\\"apiVersion\\\":\\\"v1\\\",\\\"data\\\":5,\\\"kind\\\":\\\"ConfigMap\\\",\\\"metadata\\\":{", message, StringComparison.Ordinal);
        Assert.EndsWith("json: cannot unmarshal number into Go struct field ConfigMap.data of type map[string]string", message, StringComparison.Ordinal);
        Assert.Equal("v", (string?)(await cluster.GetAsync("/api/v1/namespaces/default/configmaps/c")).Body!["data"]!["k"]);
    }

    [Fact]
    public async Task A_strategic_merge_patch_shows_the_patch_as_a_go_map()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.PostAsync("/apis/apps/v1/namespaces/default/deployments", Deployment);

        var result = await cluster.SendAsync(HttpMethod.Patch, Web, """{"spec":{"replicas":"x","paused":true}}""", "application/strategic-merge-patch+json");

        Assert.Equal("Invalid value: \"map[spec:map[paused:true replicas:x]]\": unrecognized type: int32",
            (string?)result.Body!["details"]!["causes"]![0]!["message"]);
    }

    [Fact]
    public async Task Server_side_apply_of_a_wrong_type_is_a_bad_request_naming_the_typed_path()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.PostAsync("/apis/apps/v1/namespaces/default/deployments", Deployment);

        var result = await cluster.SendAsync(HttpMethod.Patch, $"{Web}?fieldManager=test",
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":"x"}}""", "application/apply-patch+yaml");

        Assert.Equal(400, result.Status);
        Assert.Equal(
            "failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.replicas: expected numeric (int or float), got string",
            (string?)result.Body!["message"]);
        var created = await cluster.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/new?fieldManager=test",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"new"},"data":{"k":["x"]}}""", "application/apply-patch+yaml");
        Assert.Equal(400, created.Status);
        Assert.Equal(404, (await cluster.GetAsync("/api/v1/namespaces/default/configmaps/new")).Status);
    }

    [Theory]
    [InlineData("PATCH", """{"spec":{"replicas":"x"}}""", 422)]
    [InlineData("PATCH", """{"spec":{"replicas":1e12}}""", 422)]
    [InlineData("PUT", """{"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web"},"spec":{"replicas":4.5}}""", 400)]
    [InlineData("PATCH", """{"spec":{"replicas":-1}}""", 422)]
    public async Task The_scale_subresource_decodes_its_scale_too(string method, string body, int status)
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.PostAsync("/apis/apps/v1/namespaces/default/deployments", Deployment);

        var result = await cluster.SendAsync(new HttpMethod(method), $"{Web}/scale", body,
            method == "PUT" ? "application/json" : "application/merge-patch+json");

        Assert.Equal(status, result.Status);
        Assert.Equal(2, (int)(await cluster.GetAsync(Web)).Body!["spec"]!["replicas"]!);
    }

    [Fact]
    public async Task The_status_subresource_decodes_the_whole_object()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.PostAsync("/apis/apps/v1/namespaces/default/deployments", Deployment);

        var put = await cluster.SendAsync(HttpMethod.Put, $"{Web}/status",
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"status":{"replicas":"many"}}""");
        var patch = await cluster.SendAsync(HttpMethod.Patch, $"{Web}/status", """{"status":{"conditions":"none"}}""", "application/merge-patch+json");

        Assert.Equal(400, put.Status);
        Assert.Equal(
            "Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentStatus.status.replicas of type int32",
            (string?)put.Body!["message"]);
        Assert.Equal(422, patch.Status);
        Assert.Null((await cluster.GetAsync(Web)).Body!["status"]?["replicas"] as JsonValue);
    }
}
