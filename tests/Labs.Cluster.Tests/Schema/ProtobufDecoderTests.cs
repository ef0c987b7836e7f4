using Labs.Cluster.Schema;

namespace Labs.Cluster.Tests.Schema;

public sealed class ProtobufDecoderTests
{
    private readonly ProtobufDecoder _decoder = new();

    // k8s\0 + Unknown{typeMeta{apiVersion "v1", kind "ConfigMap"}, raw{...}}
    private static byte[] ConfigMapBody(params byte[] raw)
    {
        byte[] typeMeta = [0x0a, 0x02, (byte)'v', (byte)'1', 0x12, 0x09, .. "ConfigMap"u8];
        return [0x6b, 0x38, 0x73, 0x00, 0x0a, (byte)typeMeta.Length, .. typeMeta, 0x12, (byte)raw.Length, .. raw];
    }

    [Fact]
    public void A_minimal_config_map_decodes_with_kind_and_api_version()
    {
        // metadata{name "a"}, data{"k": "v"}
        var decoded = _decoder.Decode(ConfigMapBody(0x0a, 0x03, 0x0a, 0x01, (byte)'a', 0x12, 0x06, 0x0a, 0x01, (byte)'k', 0x12, 0x01, (byte)'v'));

        Assert.Equal("""{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"a"},"data":{"k":"v"}}""", decoded.ToJsonString());
    }

    [Fact]
    public void Unknown_field_numbers_are_skipped_safely()
    {
        // field 99 varint, field 98 length-delimited, field 97 fixed32, then metadata{name "a"}
        var decoded = _decoder.Decode(ConfigMapBody(0x98, 0x06, 0x01, 0x92, 0x06, 0x01, 0xff, 0x8d, 0x06, 1, 2, 3, 4, 0x0a, 0x03, 0x0a, 0x01, (byte)'a'));

        Assert.Equal("a", (string?)decoded["metadata"]!["name"]);
    }

    [Fact]
    public void A_body_without_the_envelope_is_rejected_at_offset_zero()
    {
        var error = Assert.Throws<ProtobufFormatException>(() => _decoder.Decode("{\"kind\":\"Pod\"}"u8.ToArray()));

        Assert.Equal(0, error.Offset);
        Assert.Contains("6b 38 73 00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_body_is_rejected_with_the_byte_offset()
    {
        byte[] body = ConfigMapBody(0x0a, 0x03, 0x0a, 0x01, (byte)'a');
        byte[] truncated = body[..^2];

        var error = Assert.Throws<ProtobufFormatException>(() => _decoder.Decode(truncated));

        Assert.InRange(error.Offset, 4, truncated.Length);
        Assert.Contains("byte offset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_with_the_wrong_wire_type_is_rejected_with_its_name()
    {
        // metadata (field 1) sent as a varint
        var error = Assert.Throws<ProtobufFormatException>(() => _decoder.Decode(ConfigMapBody(0x08, 0x01)));

        Assert.Contains("io.k8s.api.core.v1.ConfigMap.metadata", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_a_string_is_rejected()
    {
        var error = Assert.Throws<ProtobufFormatException>(() => _decoder.Decode(ConfigMapBody(0x0a, 0x03, 0x0a, 0x01, 0xff)));

        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unmodelled_kind_is_a_clear_format_error()
    {
        byte[] typeMeta = [0x0a, 0x0b, .. "example/v1x"u8, 0x12, 0x06, .. "Widget"u8];
        byte[] body = [0x6b, 0x38, 0x73, 0x00, 0x0a, (byte)typeMeta.Length, .. typeMeta];

        Assert.False(_decoder.CanDecode("example/v1x", "Widget"));
        var error = Assert.Throws<ProtobufFormatException>(() => _decoder.Decode(body));
        Assert.Contains("example/v1x Widget", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_garbage_never_escapes_as_anything_but_a_format_error()
    {
        var random = new Random(42);
        for (int i = 0; i < 2000; i++)
        {
            byte[] raw = new byte[random.Next(0, 60)];
            random.NextBytes(raw);
            try
            {
                _decoder.Decode(ConfigMapBody(raw));
            }
            catch (ProtobufFormatException)
            {
                // expected for most inputs
            }
        }
    }

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(1_500_000_000L, "1.5s")]
    [InlineData(3_600_000_000_000L, "1h0m0s")]
    [InlineData(62_000_000_000L, "1m2s")]
    [InlineData(1_500_000L, "1.5ms")]
    public void Durations_are_formatted_like_go(long nanoseconds, string expected)
    {
        Assert.Equal(expected, ProtobufDecoder.FormatDuration(nanoseconds));
    }
}
