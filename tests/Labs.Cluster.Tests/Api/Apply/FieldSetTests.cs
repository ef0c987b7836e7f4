using System.Text.Json.Nodes;
using Labs.Cluster.Api.Apply;
using Labs.Cluster.Registry;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Tests.Api.Apply;

public sealed class FieldSetTests
{
    internal static readonly System.Text.Json.JsonSerializerOptions Relaxed =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    internal static ApplyType Deployments => ApplyTypes.For(ResourceRegistry.Builtin.For(new GroupResource("apps", "deployments"))!);

    [Fact]
    public void FieldsV1_reads_and_writes_members_children_and_the_dot_of_a_member_with_children()
    {
        const string Json = """{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{}}}""";
        var set = FieldSet.FromFieldsV1(JsonNode.Parse(Json));

        Assert.True(set.Has(["f:metadata", "f:labels"]));
        Assert.True(set.Has(["f:metadata", "f:labels", "f:app"]));
        Assert.False(set.Has(["f:spec"]));
        Assert.Equal(Json, set.ToFieldsV1().ToJsonString(Relaxed));
    }

    [Fact]
    public void Elements_sort_fields_before_keys_before_values_and_keys_by_their_values()
    {
        var set = new FieldSet();
        set.Insert(["v:\"b\""]);
        set.Insert(["k:{\"port\":10000}"]);
        set.Insert(["k:{\"port\":9000}"]);
        set.Insert(["f:z"]);
        set.Insert(["v:\"a\""]);

        Assert.Equal("""{"f:z":{},"k:{\"port\":9000}":{},"k:{\"port\":10000}":{},"v:\"a\"":{},"v:\"b\"":{}}""", set.ToFieldsV1().ToJsonString(Relaxed));
    }

    [Fact]
    public void Paths_print_as_structured_merge_diff_prints_them()
    {
        IReadOnlyList<string> path = ["f:spec", "f:template", "f:spec", "f:containers", "k:{\"name\":\"web\"}", "f:ports", "k:{\"containerPort\":80,\"protocol\":\"TCP\"}"];
        Assert.Equal(".spec.template.spec.containers[name=\"web\"].ports[containerPort=80,protocol=\"TCP\"]", FieldSet.Display(path));
        Assert.Equal(".metadata.finalizers[=\"x\"]", FieldSet.Display(["f:metadata", "f:finalizers", "v:\"x\""]));
    }

    [Theory]
    [InlineData("""{"x:spec":{}}""", "unexpected key x:spec")]
    [InlineData("""{"f:spec":[]}""", ".f:spec: expected a JSON object")]
    [InlineData("""{"k:notjson":{}}""", "unexpected key k:notjson")]
    public void Malformed_FieldsV1_is_refused_saying_where(string json, string expected)
    {
        var e = Assert.Throws<FormatException>(() => FieldSet.FromFieldsV1(JsonNode.Parse(json)));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_operations_work_on_whole_paths()
    {
        var a = FieldSet.FromFieldsV1(JsonNode.Parse("""{"f:a":{},"f:b":{"f:c":{},"f:d":{}}}"""));
        var b = FieldSet.FromFieldsV1(JsonNode.Parse("""{"f:b":{"f:c":{}},"f:e":{}}"""));

        Assert.Equal("""{"f:a":{},"f:b":{"f:d":{}}}""", a.Difference(b).ToFieldsV1().ToJsonString(Relaxed));
        Assert.Equal("""{"f:b":{"f:c":{}}}""", a.Intersection(b).ToFieldsV1().ToJsonString(Relaxed));
        Assert.Equal("""{"f:a":{},"f:b":{"f:c":{},"f:d":{}},"f:e":{}}""", a.Union(b).ToFieldsV1().ToJsonString(Relaxed));
        Assert.True(a.Difference(a).IsEmpty);
    }

    [Fact]
    public void An_object_sets_its_leaves_list_items_by_merge_key_sets_by_value_and_atomic_values_whole()
    {
        var deployment = Obj("""
            {"metadata":{"labels":{"app":"web"},"finalizers":["x"]},
             "spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"spec":{"containers":[
               {"name":"web","image":"nginx","ports":[{"containerPort":80}],"args":["a","b"],"resources":{}}]}}}}
            """);

        var set = ObjectFields.Of(deployment, Deployments);

        Assert.Equal(
            """{"f:metadata":{"f:finalizers":{"v:\"x\"":{}},"f:labels":{"f:app":{}}},"f:spec":{"f:selector":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:args":{},"f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}},"f:resources":{}}}}}}}""",
            set.ToFieldsV1().ToJsonString(Relaxed));
    }
}
