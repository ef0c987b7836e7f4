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
    public void Fields_of_unmodelled_kinds_are_never_reported()
    {
        var crd = JsonNode.Parse("""{"apiVersion":"example.com/v1","kind":"Widget","spec":{"anything":1}}""")!.AsObject();

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
    public void Open_types_never_report_unknown_fields_but_closed_ones_inside_them_do()
    {
        var model = TypeModel.Parse([("test", """
            P example.v1
            T Gadget gvk=example.com/v1/Gadget | A test kind.
              metadata 1 meta.ObjectMeta | Metadata.
              spec 2 GadgetSpec | Spec.
            T GadgetSpec open | Partly modelled.
              size 1 i32 | Size.
            """), ("meta", Labs.Cluster.Schema.Types.MetaTypes.Text)]);
        var finder = new UnknownFieldFinder(model);
        var gadget = JsonNode.Parse("""{"apiVersion":"example.com/v1","kind":"Gadget","metadata":{"nmae":"x"},"spec":{"size":1,"colour":"red"}}""")!.AsObject();

        Assert.Equal(["metadata.nmae"], finder.FindUnknownFields(gadget));
    }

    [Fact]
    public void A_type_model_table_with_a_duplicate_field_number_is_rejected_with_its_line()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TypeModel.Parse([("bad", """
            P example.v1
            T Thing | A thing.
              a 1 s | A.
              b 1 s | B.
            """)]));

        Assert.Contains("bad line 4", error.Message, StringComparison.Ordinal);
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
        Assert.Equal(("spec.replicas", "int32", "string"), (mismatch.Path, mismatch.Expected, mismatch.Actual));
        Assert.Equal("json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32", mismatch.DecodeError);
    }

    [Fact]
    public void The_strict_decoding_message_matches_the_api_server()
    {
        Assert.Equal(
            "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.bogus\"",
            UnknownFieldFinder.StrictDecodingMessage("Deployment", "v1", ["spec.bogus"]));
    }
}
