using System.Text.Json.Nodes;
using Labs.Cluster.Access;
using Labs.Cluster.Api;
using Labs.Cluster.Registry;
using Labs.Cluster.Schema;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Tests.Fuzz;

/// <summary>The JSON body decoder and every check that reads a decoded object, on mutated real objects.</summary>
public sealed class JsonDecoderFuzzTests
{
    private static readonly FieldTypeChecker Checker = new();
    private static readonly UnknownFieldFinder Unknown = new();
    private static readonly RequiredFieldFinder Required = new();

    [Fact]
    public async Task Damaged_json_bytes_are_refused_or_decoded_and_never_crash_a_check()
    {
        var mutator = new Mutator(seed: 1001);
        var inputs = Enumerable.Range(0, 600).Select(_ => mutator.Mutate(mutator.Pick(FuzzSeeds.Json).Bytes)).ToList();

        var refused = await FuzzRunner.RunAsync("strict JSON decoder", inputs, FuzzRunner.Show,
            bytes => CheckDecoded(StrictJson.Parse(bytes)), IsRefusal);

        // The mutator reaches both outcomes: some inputs still decode, most are refused.
        Assert.InRange(refused, inputs.Count / 4, inputs.Count - 1);
    }

    [Fact]
    public async Task Any_value_in_any_field_is_reported_with_a_message_and_never_crashes()
    {
        var mutator = new Mutator(seed: 1002);
        var objects = FuzzSeeds.Objects();
        var inputs = Enumerable.Range(0, 300).Select(_ => mutator.MutateJson(mutator.Pick(objects))).ToList();

        await FuzzRunner.RunAsync("type checks", inputs, n => n.ToJsonString(), n => CheckDecoded(n), IsRefusal);
    }

    /// <summary>What the API server does with a decoded body: every check must answer, none may throw unexpectedly.</summary>
    internal static void CheckDecoded(JsonNode? node)
    {
        Assert.NotNull(node?.ToJsonString() ?? "null");
        if (node is not JsonObject obj)
        {
            return;
        }

        var mismatches = Checker.Check(obj);
        foreach (var mismatch in mismatches)
        {
            Assert.False(string.IsNullOrEmpty(mismatch.DecodeError), mismatch.Path);
            Assert.False(string.IsNullOrEmpty(mismatch.ConvertError), mismatch.Path);
            Assert.False(string.IsNullOrEmpty(mismatch.ApplyError), mismatch.Path);
        }

        _ = Unknown.FindUnknownFields(obj);
        _ = Required.FindMissing(obj);
        _ = MetadataValidator.Causes(obj);
        StorableObject.Check(obj);
        if (mismatches.Count > 0)
        {
            // The API server refuses the object here (400); its own rules only ever see well-typed objects.
            return;
        }

        var strategy = ResourceRegistry.Builtin.FindByKind(JsonFields.String(obj, "apiVersion") ?? "", JsonFields.String(obj, "kind") ?? "")
            ?? ResourceRegistry.Builtin.Find("", "v1", "configmaps")!;
        ObjectValidator.Validate(strategy.Definition, obj, "default", null);
        ObjectValidation.Validate(strategy, obj, null);
        strategy.Defaults?.Invoke(obj);
    }

    internal static bool IsRefusal(Exception e) =>
        e is StrictJsonException or ProtobufFormatException || e is ApiException { Code: 400 or 413 or 422 };
}
