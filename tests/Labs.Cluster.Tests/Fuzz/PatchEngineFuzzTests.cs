using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Schema;

namespace Labs.Cluster.Tests.Fuzz;

/// <summary>Merge patch, JSON patch and strategic merge patch on real objects with random and mutated patches.</summary>
public sealed class PatchEngineFuzzTests
{
    private static readonly string[] Ops = ["add", "remove", "replace", "move", "copy", "test", "bogus"];

    [Fact]
    public async Task Merge_and_strategic_merge_patches_of_any_shape_merge_or_are_refused()
    {
        var mutator = new Mutator(seed: 4001);
        var objects = FuzzSeeds.Objects();
        var inputs = Enumerable.Range(0, 300).Select(i => (Target: mutator.Pick(objects), Patch: Patch(mutator, objects, i))).ToList();

        await FuzzRunner.RunAsync("merge patches", inputs, c => c.Patch.ToJsonString(), c =>
        {
            Assert.NotNull(MergePatch.Apply(c.Target, c.Patch)?.ToJsonString());
            if (c.Patch is JsonObject smp)
            {
                var merged = StrategicMergePatch.Apply(c.Target, smp);
                JsonDecoderFuzzTests.CheckDecoded(merged);
            }
        }, JsonDecoderFuzzTests.IsRefusal);
    }

    [Fact]
    public async Task Json_patches_with_any_operations_and_paths_apply_or_are_refused()
    {
        var mutator = new Mutator(seed: 4002);
        var objects = FuzzSeeds.Objects();
        var inputs = Enumerable.Range(0, 400).Select(_ =>
        {
            var target = mutator.Pick(objects);
            var paths = Pointers(target).ToList();
            var ops = new JsonArray();
            for (var n = mutator.Next(6); n >= 0; n--)
            {
                var op = new JsonObject { ["op"] = mutator.Next(8) == 0 ? mutator.Value(1) : mutator.Pick(Ops) };
                op["path"] = mutator.Next(6) == 0 ? mutator.Value(0) : mutator.Pick(paths) + (mutator.Next(4) == 0 ? "/-" : string.Empty);
                op["from"] = mutator.Pick(paths);
                op["value"] = mutator.Value(2);
                ops.Add(op);
            }

            return (Target: target, Ops: mutator.Next(10) == 0 ? mutator.MutateJson(ops) : ops);
        }).ToList();

        var refused = await FuzzRunner.RunAsync("json patches", inputs, c => c.Ops.ToJsonString(), c =>
            JsonDecoderFuzzTests.CheckDecoded(JsonPatch.Apply(c.Target, c.Ops)), JsonDecoderFuzzTests.IsRefusal);

        Assert.InRange(refused, 1, inputs.Count - 1);
    }

    [Fact]
    public async Task Copying_a_document_into_itself_stops_at_the_copy_limit()
    {
        var ops = new JsonArray(Enumerable.Range(0, 40).Select(_ => (JsonNode?)new JsonObject { ["op"] = "copy", ["from"] = "", ["path"] = "/a" }).ToArray());
        var target = FuzzSeeds.Objects()[0];

        var refused = await FuzzRunner.RunAsync("json patch copy bomb", [ops], o => o.ToJsonString(), o => JsonPatch.Apply(target, o),
            e => e is ApiException { Code: 422 } a && a.Message.Contains("accumulated size increase of copy", StringComparison.Ordinal));

        Assert.Equal(1, refused);
    }

    [Fact]
    public async Task A_strategic_merge_of_a_huge_keyed_list_takes_linear_time()
    {
        var containers = new JsonArray(Enumerable.Range(0, 20_000).Select(i => (JsonNode?)new JsonObject { ["name"] = $"c{i}", ["image"] = "x" }).ToArray());
        var patch = new JsonObject { ["spec"] = new JsonObject { ["containers"] = containers, ["$setElementOrder/containers"] = containers.DeepClone() } };
        // A Pod, so that containers merge by their key (the case that would be quadratic if done naively).
        var target = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["spec"] = new JsonObject { ["containers"] = containers.DeepClone() } };

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await FuzzRunner.RunAsync("large strategic merge", [patch], _ => "20000 containers", p =>
            Assert.Equal(20_000, StrategicMergePatch.Apply(target, p)["spec"]!["containers"]!.AsArray().Count), _ => false);
        TestContext.Current.SendDiagnosticMessage($"20000-container strategic merge: {clock.ElapsedMilliseconds} ms");
    }

    private static JsonNode Patch(Mutator mutator, IReadOnlyList<JsonObject> objects, int i) => (i % 3) switch
    {
        0 => mutator.MutateJson(mutator.Pick(objects)),
        1 => mutator.Value(5) ?? new JsonObject(),
        _ => StrictJsonOrEmpty(mutator.Mutate(System.Text.Encoding.UTF8.GetBytes(mutator.Pick(objects).ToJsonString()))),
    };

    private static JsonNode StrictJsonOrEmpty(byte[] bytes)
    {
        try
        {
            return StrictJson.Parse(bytes) ?? new JsonObject();
        }
        catch (StrictJsonException)
        {
            return new JsonObject { ["$patch"] = "replace" };
        }
    }

    private static IEnumerable<string> Pointers(JsonNode node, string prefix = "")
    {
        yield return prefix;
        var children = node switch
        {
            JsonObject o => o.Select(p => (Token: p.Key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal), p.Value)),
            JsonArray a => a.Select((v, i) => (Token: i.ToString(System.Globalization.CultureInfo.InvariantCulture), Value: v)),
            _ => [],
        };
        foreach (var (token, value) in children)
        {
            foreach (var pointer in value is null ? [$"{prefix}/{token}"] : Pointers(value, $"{prefix}/{token}"))
            {
                yield return pointer;
            }
        }
    }
}
