using System.Text.Json.Nodes;
using Labs.Cluster.Schema;

namespace Labs.Cluster.Tests.Schema;

public sealed class FieldTypeCheckerTests
{
    private readonly FieldTypeChecker _checker = new();

    [Theory]
    [MemberData(nameof(ProtobufDecoderFixtureTests.RoundTripFixtures), MemberType = typeof(ProtobufDecoderFixtureTests))]
    public void Kubernetes_own_round_trip_objects_decode_without_a_single_mismatch(string name)
    {
        // Every field is populated in these, so a checker stricter than the real decoder shows up here.
        var obj = JsonNode.Parse(File.ReadAllText(Path.Combine(SchemaFixtures.RoundTrip, name + ".json")))!.AsObject();

        var mismatches = _checker.Check(obj);

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Select(m => $"{m.Path}: {m.DecodeError}")));
    }

    [Theory]
    [InlineData("""{"spec":{"replicas":2147483648}}""", "spec.replicas", "json: cannot unmarshal number 2147483648 into Go struct field DeploymentSpec.spec.replicas of type int32")]
    [InlineData("""{"spec":{"replicas":-2147483648}}""", null, null)]
    [InlineData("""{"spec":{"replicas":1.0}}""", "spec.replicas", "json: cannot unmarshal number 1.0 into Go struct field DeploymentSpec.spec.replicas of type int32")]
    [InlineData("""{"spec":{"revisionHistoryLimit":true}}""", "spec.revisionHistoryLimit", "json: cannot unmarshal bool into Go struct field DeploymentSpec.spec.revisionHistoryLimit of type int32")]
    [InlineData("""{"spec":"x"}""", "spec", "json: cannot unmarshal string into Go struct field Deployment.spec of type v1.DeploymentSpec")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":{}}}}}""", "spec.template.spec.containers", "json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":["x"]}}}}""", "spec.template.spec.containers[0]", "json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.containers of type v1.Container")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"name":1}]}}}}""", "spec.template.spec.containers[0].name", "json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.name of type string")]
    [InlineData("""{"metadata":{"labels":{"a":1}}}""", "metadata.labels.a", "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string")]
    [InlineData("""{"metadata":{"creationTimestamp":5}}""", "metadata.creationTimestamp", "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string")]
    [InlineData("""{"metadata":{"creationTimestamp":"yesterday"}}""", "metadata.creationTimestamp", "parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"yesterday\" as \"2006\"")]
    [InlineData("""{"metadata":{"creationTimestamp":"2024-13-01T00:00:00Z"}}""", "metadata.creationTimestamp", "parsing time \"2024-13-01T00:00:00Z\": month out of range")]
    [InlineData("""{"metadata":{"creationTimestamp":"2024-02-30T00:00:00Z"}}""", "metadata.creationTimestamp", "parsing time \"2024-02-30T00:00:00Z\": day out of range")]
    [InlineData("""{"metadata":{"creationTimestamp":"2024-02-03 00:00:00Z"}}""", "metadata.creationTimestamp", "parsing time \"2024-02-03 00:00:00Z\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \" 00:00:00Z\" as \"T\"")]
    [InlineData("""{"metadata":{"creationTimestamp":"2024-02-03T00:00:00.5+01:00"}}""", null, null)]
    [InlineData("""{"spec":{"progressDeadlineSeconds":600,"strategy":{"rollingUpdate":{"maxSurge":"25%","maxUnavailable":1.5}}}}""", "spec.strategy.rollingUpdate.maxUnavailable", "json: cannot unmarshal number 1.5 into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxUnavailable of type int32")]
    public void Deployment_values_are_decoded_as_go_would(string json, string? path, string? error)
    {
        var obj = JsonNode.Parse(json)!.AsObject();
        obj["apiVersion"] = "apps/v1";
        obj["kind"] = "Deployment";

        var first = First(_checker.Check(obj));

        Assert.Equal(path, first?.Path);
        Assert.Equal(error, first?.DecodeError);
    }

    [Theory]
    [InlineData("""{"data":{"k":"YWJj"}}""", null)]
    [InlineData("""{"data":{"k":"YWJ\njZA=="}}""", null)]
    [InlineData("""{"data":{"k":"YWJjZA="}}""", "illegal base64 data at input byte 7")]
    [InlineData("""{"data":{"k":"YW*j"}}""", "illegal base64 data at input byte 2")]
    [InlineData("""{"data":{"k":"YQ==YQ=="}}""", "illegal base64 data at input byte 4")]
    [InlineData("""{"data":{"k":5}}""", "json: cannot unmarshal number into Go struct field Secret.data of type []uint8")]
    public void Secret_data_is_base64_as_go_decodes_it(string json, string? error)
    {
        var obj = JsonNode.Parse(json)!.AsObject();
        obj["apiVersion"] = "v1";
        obj["kind"] = "Secret";

        Assert.Equal(error, First(_checker.Check(obj))?.DecodeError);
    }

    [Theory]
    [InlineData("100m", null)]
    [InlineData("1.5Gi", null)]
    [InlineData("1e3", null)]
    [InlineData("+.5", null)]
    [InlineData("1Gb", QuantityText.FormatWrong)]
    [InlineData("1KiB", QuantityText.FormatWrong)]
    [InlineData("1ki", QuantityText.SuffixWrong)]
    [InlineData("", QuantityText.FormatWrong)]
    public void Quantities_parse_as_apimachinery_parses_them(string text, string? error) =>
        Assert.Equal(error, QuantityText.Problem(text));

    [Theory]
    [InlineData("1h30m", null)]
    [InlineData("-1.5s", null)]
    [InlineData("0", null)]
    [InlineData("1", "time: missing unit in duration \"1\"")]
    [InlineData("1d", "time: unknown unit \"d\" in duration \"1d\"")]
    [InlineData(".s", "time: invalid duration \".s\"")]
    [InlineData("9999999999999999999h", "time: invalid duration \"9999999999999999999h\"")]
    public void Durations_parse_as_go_parses_them(string text, string? error) =>
        Assert.Equal(error, GoDurationText.Problem(text));

    private static FieldTypeMismatch? First(IReadOnlyList<FieldTypeMismatch> mismatches) => mismatches.Count > 0 ? mismatches[0] : null;
}
