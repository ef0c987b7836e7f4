using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Schema;

namespace Labs.Cluster.Tests.Api;

public sealed class PatchTests
{
    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void Merge_patch_merges_objects_and_null_deletes()
    {
        var result = MergePatch.Apply(Obj("""{"a":{"b":1,"c":2},"l":[1,2]}"""), Obj("""{"a":{"b":null,"d":3},"l":[3]}"""));
        Assert.True(JsonNode.DeepEquals(Obj("""{"a":{"c":2,"d":3},"l":[3]}"""), result));
    }

    [Fact]
    public void Json_patch_applies_operations_in_order()
    {
        var result = JsonPatch.Apply(Obj("""{"spec":{"replicas":1,"list":["a"]}}"""), JsonNode.Parse("""
            [{"op":"replace","path":"/spec/replicas","value":3},{"op":"add","path":"/spec/list/-","value":"b"},{"op":"remove","path":"/spec/list/0"}]
            """));
        Assert.True(JsonNode.DeepEquals(Obj("""{"spec":{"replicas":3,"list":["b"]}}"""), result));
    }

    [Fact]
    public void Json_patch_on_a_missing_path_is_rejected_naming_the_operation()
    {
        var e = Assert.Throws<ApiException>(() => JsonPatch.Apply(Obj("{}"), JsonNode.Parse("""[{"op":"remove","path":"/nope"}]""")));
        Assert.Contains("operation 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strategic_merge_merges_containers_env_and_ports_by_key()
    {
        var original = Obj("""
            {"apiVersion":"v1","kind":"Pod","spec":{"containers":[{"name":"a","image":"x","env":[{"name":"E1","value":"1"}],"ports":[{"containerPort":80}]},{"name":"b","image":"y"}]}}
            """);
        var patch = Obj("""
            {"spec":{"containers":[{"name":"a","env":[{"name":"E2","value":"2"}],"ports":[{"containerPort":443}]},{"name":"b","$patch":"delete"}]}}
            """);
        var result = StrategicMergePatch.Apply(original, patch);
        var containers = result["spec"]!["containers"]!.AsArray();
        Assert.Single(containers);
        Assert.Equal("x", (string?)containers[0]!["image"]);
        Assert.Equal(2, containers[0]!["env"]!.AsArray().Count);
        Assert.Equal(2, containers[0]!["ports"]!.AsArray().Count);
    }

    [Fact]
    public void Strategic_merge_replaces_lists_without_a_merge_key_and_honours_replace()
    {
        var original = Obj("""{"apiVersion":"v1","kind":"Pod","spec":{"args":["a","b"],"tolerations":[{"key":"k"}],"m":{"x":1,"y":2}}}""");
        var patch = Obj("""{"spec":{"args":["c"],"tolerations":[],"m":{"$patch":"replace","z":3}}}""");
        var result = StrategicMergePatch.Apply(original, patch);
        Assert.True(JsonNode.DeepEquals(Obj("""{"apiVersion":"v1","kind":"Pod","spec":{"args":["c"],"tolerations":[],"m":{"z":3}}}"""), result));
    }

    [Fact]
    public void Strategic_merge_honours_set_element_order_and_null()
    {
        var original = Obj("""{"apiVersion":"v1","kind":"Pod","metadata":{"labels":{"a":"1","b":"2"}},"spec":{"containers":[{"name":"a"},{"name":"b"}]}}""");
        var patch = Obj("""{"metadata":{"labels":{"a":null}},"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}]}}""");
        var result = StrategicMergePatch.Apply(original, patch);
        Assert.Null(result["metadata"]!["labels"]!["a"]);
        Assert.Equal("b", (string?)result["spec"]!["containers"]![0]!["name"]);
    }

    [Fact]
    public void Strategic_merge_takes_merge_keys_from_the_kinds_schema()
    {
        var original = Obj("""
            {"apiVersion":"admissionregistration.k8s.io/v1","kind":"ValidatingWebhookConfiguration",
             "webhooks":[{"name":"a.example.com","sideEffects":"None","clientConfig":{"url":"https://x"}},{"name":"b.example.com","sideEffects":"None"}]}
            """);
        var patch = Obj("""{"webhooks":[{"name":"a.example.com","clientConfig":{"url":"https://y"}}]}""");
        var webhooks = StrategicMergePatch.Apply(original, patch)["webhooks"]!.AsArray();
        Assert.Equal(2, webhooks.Count);
        Assert.Equal("None", (string?)webhooks[0]!["sideEffects"]);
        Assert.Equal("https://y", (string?)webhooks[0]!["clientConfig"]!["url"]);
    }

    [Fact]
    public void Strategic_merge_merges_service_ports_by_port_and_replaces_lists_the_schema_does_not_merge()
    {
        var original = Obj("""
            {"apiVersion":"v1","kind":"Service","spec":{"ports":[{"port":80,"name":"http"},{"port":443,"name":"https"}],"externalIPs":["1.1.1.1"]}}
            """);
        var patch = Obj("""{"spec":{"ports":[{"port":80,"targetPort":8080}],"externalIPs":["2.2.2.2"]}}""");
        var spec = StrategicMergePatch.Apply(original, patch)["spec"]!;
        Assert.Equal(2, spec["ports"]!.AsArray().Count);
        Assert.Equal(8080, (int?)spec["ports"]![0]!["targetPort"]);
        Assert.Equal("http", (string?)spec["ports"]![0]!["name"]);
        Assert.Equal("""["2.2.2.2"]""", spec["externalIPs"]!.ToJsonString());
    }

    [Fact]
    public void Strategic_merge_merges_finalizers_as_a_set_and_replaces_atomic_lists_whole()
    {
        var original = Obj("""
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"finalizers":["a"]},
             "spec":{"versions":[{"name":"v1","served":true},{"name":"v2","served":true}]}}
            """);
        var patch = Obj("""{"metadata":{"finalizers":["b","a"]},"spec":{"versions":[{"name":"v1","storage":true}]}}""");
        var result = StrategicMergePatch.Apply(original, patch);
        Assert.Equal("""["a","b"]""", result["metadata"]!["finalizers"]!.ToJsonString());
        Assert.Equal("""[{"name":"v1","storage":true}]""", result["spec"]!["versions"]!.ToJsonString());
    }

    [Fact]
    public void The_patch_schema_follows_map_fields_into_their_values()
    {
        var model = TypeModel.Default;
        var props = model.Types["io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps"];
        var rules = PatchSchema.Of(model, props).Child("properties").Child("spec").Field("x-kubernetes-validations");
        Assert.Equal("rule", rules?.MergeKey);
        Assert.Null(PatchSchema.Of(model, props).Child("properties").Child("spec").Field("bogus"));
    }

    [Theory]
    [InlineData(45, "45s")]
    [InlineData(119, "119s")]
    [InlineData(312, "5m12s")]
    [InlineData(900, "15m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(4 * 86400 + 2 * 3600, "4d2h")]
    public void Ages_read_like_kubectl(int seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));
}
