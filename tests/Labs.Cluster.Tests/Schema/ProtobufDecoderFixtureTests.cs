using Labs.Cluster.Schema;

namespace Labs.Cluster.Tests.Schema;

public sealed class ProtobufDecoderFixtureTests
{
    private readonly ProtobufDecoder _decoder = new();

    [Theory]
    [InlineData("clusterrole")]
    [InlineData("clusterrolebinding")]
    [InlineData("configmap")]
    [InlineData("cronjob")]
    [InlineData("hpa")]
    [InlineData("ingress")]
    [InlineData("job")]
    [InlineData("pdb")]
    [InlineData("priorityclass")]
    [InlineData("quota")]
    [InlineData("deployment")]
    [InlineData("deployment-cmd")]
    [InlineData("namespace")]
    [InlineData("role")]
    [InlineData("rolebinding")]
    [InlineData("secret-docker")]
    [InlineData("secret-generic")]
    [InlineData("service-clusterip")]
    [InlineData("service-nodeport")]
    [InlineData("serviceaccount")]
    public void Kubectl_request_body_decodes_to_the_json_kubectl_prints(string name)
    {
        var decoded = _decoder.Decode(SchemaFixtures.KubectlBody(name));

        SchemaFixtures.DropRecorderArguments(decoded);

        Assert.Equal(SchemaFixtures.Canonical(SchemaFixtures.KubectlExpected(name)), SchemaFixtures.Canonical(decoded));
    }

    public static TheoryData<string> RoundTripFixtures()
    {
        var names = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(SchemaFixtures.RoundTrip, "*.pb").Order(StringComparer.Ordinal))
        {
            names.Add(Path.GetFileNameWithoutExtension(file));
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(RoundTripFixtures))]
    public void Kubernetes_round_trip_object_decodes_to_its_json(string name)
    {
        byte[] body = File.ReadAllBytes(Path.Combine(SchemaFixtures.RoundTrip, name + ".pb"));
        string expected = File.ReadAllText(Path.Combine(SchemaFixtures.RoundTrip, name + ".json"));

        var decoded = _decoder.Decode(body);

        Assert.Equal(SchemaFixtures.Canonical(System.Text.Json.Nodes.JsonNode.Parse(expected)), SchemaFixtures.Canonical(decoded));
    }

    [Fact]
    public void Kubectl_create_token_body_decodes_to_a_token_request_with_the_duration()
    {
        var decoded = _decoder.Decode(SchemaFixtures.KubectlBody("token"));

        Assert.Equal("authentication.k8s.io/v1", decoded["apiVersion"]!.GetValue<string>());
        Assert.Equal("TokenRequest", decoded["kind"]!.GetValue<string>());
        Assert.Equal(3600, decoded["spec"]!["expirationSeconds"]!.GetValue<long>());
    }
}
