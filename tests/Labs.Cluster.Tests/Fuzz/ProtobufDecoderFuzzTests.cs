using Labs.Cluster.Schema;

namespace Labs.Cluster.Tests.Fuzz;

/// <summary>The protobuf body decoder on damaged real bodies (Kubernetes' round-trip objects and kubectl's requests).</summary>
public sealed class ProtobufDecoderFuzzTests
{
    private readonly ProtobufDecoder _decoder = new();

    [Fact]
    public async Task Damaged_protobuf_bodies_are_refused_or_decoded_and_never_crash()
    {
        var mutator = new Mutator(seed: 2001);
        var inputs = Enumerable.Range(0, 800).Select(_ => mutator.Mutate(mutator.Pick(FuzzSeeds.Protobuf).Bytes)).ToList();

        var refused = await FuzzRunner.RunAsync("protobuf decoder", inputs, FuzzRunner.Show,
            bytes => JsonDecoderFuzzTests.CheckDecoded(_decoder.Decode(bytes)), JsonDecoderFuzzTests.IsRefusal);

        Assert.InRange(refused, inputs.Count / 4, inputs.Count - 1);
    }

    [Fact]
    public async Task Length_prefixes_and_nesting_an_attacker_chooses_are_refused_quickly()
    {
        // 5000 levels of length-delimited nesting where a string belongs (its length bytes are not UTF-8), and lengths
        // that point past the end.
        var deep = new List<byte> { 0x6b, 0x38, 0x73, 0x00, 0x0a, 0x0f, 0x0a, 0x02, (byte)'v', (byte)'1', 0x12, 0x09 };
        deep.AddRange("ConfigMap"u8.ToArray());
        var nested = new List<byte>();
        for (var i = 0; i < 5000; i++)
        {
            nested = [0x0a, .. Varint(nested.Count), .. nested];
        }

        List<byte[]> inputs =
        [
            [.. deep, 0x12, .. Varint(nested.Count), .. nested],
            [.. deep, 0x12, 0xff, 0xff, 0xff, 0xff, 0x0f],
            [.. deep, 0x12, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
        ];

        var refused = await FuzzRunner.RunAsync("protobuf limits", inputs, FuzzRunner.Show, bytes => _decoder.Decode(bytes), JsonDecoderFuzzTests.IsRefusal);

        Assert.Equal(inputs.Count, refused);
    }

    private static byte[] Varint(int value)
    {
        var bytes = new List<byte>();
        var v = (uint)value;
        do
        {
            var b = (byte)(v & 0x7F);
            v >>= 7;
            bytes.Add(v == 0 ? b : (byte)(b | 0x80));
        }
        while (v != 0);

        return [.. bytes];
    }
}
