using System.Text.Json.Nodes;
using Labs.Cluster.Registry.ApiExtensions;

namespace Labs.Cluster.Tests.Registry;

public sealed class StructuralSchemaTests
{
    private static readonly StructuralSchema Schema = new(JsonNode.Parse("""
        {"type":"object","properties":{
          "spec":{"type":"object","properties":{
            "items":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"}}}},
            "labels":{"type":"object","additionalProperties":{"type":"string"}},
            "free":{"type":"object","x-kubernetes-preserve-unknown-fields":true,"properties":{"known":{"type":"object","properties":{"a":{"type":"string"}}}}},
            "mode":{"type":"string","default":"fast"}}}}}
        """)!.AsObject());

    [Fact]
    public void Pruning_removes_undeclared_fields_and_names_them_sorted_as_the_api_server_does()
    {
        var obj = JsonNode.Parse("""
            {"apiVersion":"x/v1","kind":"X","metadata":{"name":"a"},"extra":1,
             "spec":{"items":[{"name":"one","bad":true}],"labels":{"k":"v"},"free":{"anything":1,"known":{"a":"b","c":"d"}},"zzz":0}}
            """)!.AsObject();

        var removed = Schema.Prune(obj);

        Assert.Equal(["extra", "spec.free.known.c", "spec.items[0].bad", "spec.zzz"], removed);
        Assert.Equal("""{"apiVersion":"x/v1","kind":"X","metadata":{"name":"a"},"spec":{"items":[{"name":"one"}],"labels":{"k":"v"},"free":{"anything":1,"known":{"a":"b"}}}}""",
            obj.ToJsonString());
    }

    [Fact]
    public void Defaults_fill_only_what_is_missing()
    {
        var given = JsonNode.Parse("""{"spec":{"mode":"slow"}}""")!.AsObject();
        var empty = JsonNode.Parse("""{"spec":{}}""")!.AsObject();

        Schema.ApplyDefaults(given);
        Schema.ApplyDefaults(empty);

        Assert.Equal("slow", (string?)given["spec"]!["mode"]);
        Assert.Equal("fast", (string?)empty["spec"]!["mode"]);
    }

    [Theory]
    [InlineData("v1,v2,v1beta1,v1alpha1,v2beta2,v10,foo,bar", "v10,v2,v1,v2beta2,v1beta1,v1alpha1,bar,foo")]
    [InlineData("v1beta1,v1", "v1,v1beta1")]
    public void Versions_are_ordered_by_Kubernetes_version_priority(string given, string expected)
    {
        Assert.Equal(expected, string.Join(',', given.Split(',').Order(VersionPriority.Comparer)));
    }

    [Theory]
    [InlineData(".spec.replicas", "3")]
    [InlineData(".status.conditions[?(@.type==\"Ready\")].status", "\"True\"")]
    [InlineData(".spec.items[1].name", "\"b\"")]
    [InlineData(".spec.items[*].name", "\"a\"")]
    [InlineData(".metadata.labels['app.kubernetes.io/name']", "\"web\"")]
    public void Printer_column_paths_find_their_value(string path, string expected)
    {
        var obj = JsonNode.Parse("""
            {"metadata":{"labels":{"app.kubernetes.io/name":"web"}},"spec":{"replicas":3,"items":[{"name":"a"},{"name":"b"}]},
             "status":{"conditions":[{"type":"Synced","status":"False"},{"type":"Ready","status":"True"}]}}
            """);

        var parsed = SimpleJsonPath.TryParse(path, out var error);

        Assert.True(parsed is not null, error);
        Assert.Equal(expected, parsed.First(obj)?.ToJsonString());
    }

    [Fact]
    public void A_path_that_is_not_simple_is_refused_with_a_reason()
    {
        Assert.Null(SimpleJsonPath.TryParse("spec.replicas", out var error));
        Assert.Equal("must be a simple json path starting with .", error);
    }
}
