using System.Text;
using System.Text.Json.Nodes;
using Labs.Cluster.Schema;

namespace Labs.Cluster.Tests.Schema;

public sealed class StrictJsonTests
{
    [Theory]
    [InlineData("""{"a":1,"a":2}""", "duplicate field \"a\"")]
    [InlineData("""{"d":{"a":1,"b":2,"a":3,"b":4}}""", "duplicate field \"d.a\", duplicate field \"d.b\"")]
    [InlineData("""{"e":[{"f":1},{"f":1,"f":2}]}""", "duplicate field \"e[1].f\"")]
    [InlineData("""[{"op":"add","op":"remove"}]""", "duplicate field \"[0].op\"")]
    public void Duplicate_fields_are_named_by_path_like_the_go_strict_decoder(string json, string message)
    {
        var e = Assert.Throws<StrictJsonException>(() => StrictJson.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(StrictJsonProblem.DuplicateField, e.Problem);
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("""{"a":"\ud800"}""")]
    [InlineData("""{"a":"x\udfff"}""")]
    [InlineData("""{"a":["\ud83d\u0041"]}""")]
    [InlineData("""{"\ud800":1}""")]
    public void A_lone_surrogate_escape_is_invalid_text(string json)
    {
        var e = Assert.Throws<StrictJsonException>(() => StrictJson.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(StrictJsonProblem.InvalidText, e.Problem);
        Assert.Contains("unpaired UTF-16 surrogate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_invalid_text_and_a_surrogate_pair_is_fine()
    {
        var e = Assert.Throws<StrictJsonException>(() => StrictJson.Parse([(byte)'"', 0xFF, (byte)'"']));
        Assert.Equal(StrictJsonProblem.InvalidText, e.Problem);
        Assert.Equal("😀", StrictJson.Parse("\"\\ud83d\\ude00\""u8)!.GetValue<string>());
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{"a":1,}""")]
    [InlineData("""{"a":1} x""")]
    [InlineData("")]
    public void Syntax_errors_say_where(string json)
    {
        var e = Assert.Throws<StrictJsonException>(() => StrictJson.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(StrictJsonProblem.Syntax, e.Problem);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_a_syntax_error_not_a_stack_overflow()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);
        Assert.Equal(StrictJsonProblem.Syntax, Assert.Throws<StrictJsonException>(() => StrictJson.Parse(Encoding.UTF8.GetBytes(deep))).Problem);
        Assert.IsType<JsonArray>(StrictJson.Parse(Encoding.UTF8.GetBytes(new string('[', StrictJson.MaxDepth) + new string(']', StrictJson.MaxDepth))));
    }

    [Theory]
    [InlineData(1e12, "1e+12")]
    [InlineData(1234567.0, "1.234567e+06")]
    [InlineData(123456.0, "123456")]
    [InlineData(1.5, "1.5")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-2.5e-7, "-2.5e-07")]
    [InlineData(100.0, "100")]
    public void Floats_print_as_go_prints_them(double value, string expected) => Assert.Equal(expected, GoText.Float(value));

    [Fact]
    public void Go_maps_print_sorted_with_raw_strings()
    {
        var patch = JsonNode.Parse("""{"spec":{"replicas":"x","paused":true,"n":1e12,"l":[1,"a",null]}}""");
        Assert.Equal("map[spec:map[l:[1 a <nil>] n:1e+12 paused:true replicas:x]]", GoText.Value(patch));
        Assert.Equal("\"a\\\"b\\\\c\\n\"", GoText.Quote("a\"b\\c\n"));
    }
}
