using System.Text.Json.Nodes;
using Labs.Cluster.Tests.Schema;

namespace Labs.Cluster.Tests.Fuzz;

/// <summary>
/// The corpora the mutators start from: Kubernetes' own round-trip objects (JSON and protobuf, every field populated)
/// and the requests the real kubectl sent, from ../shared/fixtures.
/// </summary>
internal static class FuzzSeeds
{
    private static readonly Lazy<IReadOnlyList<(string Name, byte[] Bytes)>> JsonSeeds = new(LoadJson);
    private static readonly Lazy<IReadOnlyList<(string Name, byte[] Bytes)>> ProtobufSeeds = new(LoadProtobuf);

    /// <summary>JSON objects as UTF-8 bytes, by fixture name.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Json => JsonSeeds.Value;

    /// <summary>Enveloped protobuf bodies (<c>k8s\0</c>...), by fixture name.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Protobuf => ProtobufSeeds.Value;

    /// <summary>The JSON seeds parsed, for structure-aware mutation.</summary>
    public static IReadOnlyList<JsonObject> Objects() => Json.Select(s => JsonNode.Parse(s.Bytes)!.AsObject()).ToList();

    private static List<(string, byte[])> LoadJson()
    {
        var seeds = Directory.GetFiles(SchemaFixtures.RoundTrip, "*.json")
            .Concat(Directory.GetFiles(SchemaFixtures.KubectlProtobuf, "*.expected.json"))
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))
            .Where(s => s.Item2.Length > 0) // kubectl prints nothing for "create token --dry-run"
            .ToList();
        Assert.True(seeds.Count > 40, $"expected the shared JSON fixtures in {SchemaFixtures.Root}");
        return seeds;
    }

    private static List<(string, byte[])> LoadProtobuf()
    {
        var seeds = Directory.GetFiles(SchemaFixtures.RoundTrip, "*.pb")
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))
            .Concat(Directory.GetFiles(SchemaFixtures.KubectlProtobuf, "*.request.json")
                .Order(StringComparer.Ordinal)
                .Select(f => (Path.GetFileName(f), SchemaFixtures.KubectlBody(Path.GetFileName(f)[..^".request.json".Length]))))
            .ToList();
        Assert.True(seeds.Count > 40, $"expected the shared protobuf fixtures in {SchemaFixtures.Root}");
        return seeds;
    }
}
