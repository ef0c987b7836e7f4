using System.Text.Json.Nodes;
using Labs.Cluster.Schema;

namespace Labs.Cluster.Tests.Schema;

public sealed class UnknownFieldFinderTests
{
    private readonly UnknownFieldFinder _finder = new();

    private static JsonObject Deployment(string specExtra = "", string containerExtra = "") => JsonNode.Parse("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},
         "spec":{"replicas":2,SPEC_EXTRA"selector":{"matchLabels":{"app":"web"}},
          "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[
            {"name":"a","image":"nginx"},
            {"name":"b","image":"nginx",CONTAINER_EXTRA"ports":[{"containerPort":80}],
             "env":[{"name":"X","valueFrom":{"configMapKeyRef":{"name":"cm","key":"k"}}}],
             "volumeMounts":[{"name":"v","mountPath":"/v"}]}],
           "volumes":[{"name":"v","configMap":{"name":"cm"}},{"name":"w","nfs":{"server":"s","path":"/"}}]}}}}
        """.Replace("SPEC_EXTRA", specExtra, StringComparison.Ordinal).Replace("CONTAINER_EXTRA", containerExtra, StringComparison.Ordinal))!.AsObject();

    [Fact]
    public void A_valid_deployment_has_no_unknown_fields()
    {
        Assert.Empty(_finder.FindUnknownFields(Deployment()));
        Assert.Empty(_finder.FindTypeMismatches(Deployment()));
    }

    [Fact]
    public void An_unknown_spec_field_is_reported_by_path()
    {
        Assert.Equal(["spec.bogus"], _finder.FindUnknownFields(Deployment(specExtra: "\"bogus\":1,")));
    }

    [Fact]
    public void A_misspelled_container_field_is_reported_with_its_list_index()
    {
        Assert.Equal(
            ["spec.template.spec.containers[1].imagePullPolcy"],
            _finder.FindUnknownFields(Deployment(containerExtra: "\"imagePullPolcy\":\"Always\",")));
    }

    [Fact]
    public void Fields_of_open_types_and_unmodelled_kinds_are_never_reported()
    {
        var node = JsonNode.Parse("""{"apiVersion":"v1","kind":"Node","metadata":{"name":"n"},"spec":{"somethingNew":1}}""")!.AsObject();
        var crd = JsonNode.Parse("""{"apiVersion":"example.com/v1","kind":"Widget","spec":{"anything":1}}""")!.AsObject();

        Assert.Empty(_finder.FindUnknownFields(node));
        Assert.Empty(_finder.FindUnknownFields(crd));
    }

    [Fact]
    public void A_misspelled_volume_source_field_is_reported()
    {
        var deployment = Deployment();
        deployment["spec"]!["template"]!["spec"]!["volumes"]![0]!["configMap"]!["nmae"] = "x";

        Assert.Equal(["spec.template.spec.volumes[0].configMap.nmae"], _finder.FindUnknownFields(deployment));
    }

    [Fact]
    public void Unknown_metadata_fields_are_reported()
    {
        var cm = JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","lables":{}},"data":{"a":"b"}}""")!.AsObject();

        Assert.Equal(["metadata.lables"], _finder.FindUnknownFields(cm));
    }

    [Fact]
    public void A_string_where_an_integer_is_expected_is_a_type_mismatch()
    {
        var deployment = Deployment();
        deployment["spec"]!["replicas"] = "two";

        var mismatch = Assert.Single(_finder.FindTypeMismatches(deployment));
        Assert.Equal(new FieldTypeMismatch("spec.replicas", "int32", "string"), mismatch);
    }

    [Fact]
    public void The_strict_decoding_message_matches_the_api_server()
    {
        Assert.Equal(
            "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.bogus\"",
            UnknownFieldFinder.StrictDecodingMessage("Deployment", "v1", ["spec.bogus"]));
    }
}
