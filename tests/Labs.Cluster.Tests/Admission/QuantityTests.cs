using System.Text.Json.Nodes;
using Labs.Cluster.Admission;

namespace Labs.Cluster.Tests.Admission;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("100m", "100m")]
    [InlineData("0.5", "500m")]
    [InlineData("1.5", "1500m")]
    [InlineData("1000m", "1")]
    [InlineData("100", "100")]
    [InlineData("1000", "1k")]
    [InlineData("2k", "2k")]
    [InlineData("1M", "1M")]
    [InlineData("1.5G", "1500M")]
    [InlineData("1Gi", "1Gi")]
    [InlineData("1024Mi", "1Gi")]
    [InlineData("1.5Gi", "1536Mi")]
    [InlineData("0.5Ki", "512")]
    [InlineData("0.1Ki", "102400m")]
    [InlineData("1e3", "1e3")]
    [InlineData("1e4", "10e3")]
    [InlineData("1.5e3", "1500")]
    [InlineData("12e-3", "12e-3")]
    [InlineData("0.0000000001", "1n")]
    [InlineData("-1", "-1")]
    [InlineData("-0.5", "-500m")]
    [InlineData("8Ei", "9223372036854775807")]
    public void Quantities_print_as_kubernetes_stores_them(string text, string stored)
    {
        Assert.Equal(stored, Quantity.Parse(text).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1Gx")]
    [InlineData("1 Gi")]
    [InlineData("1.5.5")]
    public void Malformed_text_is_refused_with_the_regular_expression_kubernetes_quotes(string text)
    {
        Assert.False(Quantity.TryParse(text, out _, out var error));
        Assert.Equal("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'", error);
    }

    [Theory]
    [InlineData("5i")]
    [InlineData("1Mi5")]
    [InlineData("2K")]
    public void An_unknown_suffix_is_refused_as_such(string text)
    {
        Assert.False(Quantity.TryParse(text, out _, out var error));
        Assert.Equal("unable to parse quantity's suffix", error);
    }

    [Fact]
    public void Comparison_is_exact_across_suffixes_and_formats()
    {
        Assert.True(Quantity.Parse("1Gi") > Quantity.Parse("1G"));
        Assert.Equal(Quantity.Parse("1000m"), Quantity.Parse("1"));
        Assert.True(Quantity.Parse("500m") < Quantity.Parse("1"));
        Assert.True(Quantity.Parse("1e3") == Quantity.Parse("1k"));
        Assert.True(Quantity.Parse("1.0000000001") > Quantity.Parse("1"));
    }

    [Fact]
    public void Sums_keep_the_format_of_the_first_non_zero_term()
    {
        Assert.Equal("1Gi", Quantity.Parse("512Mi").Add(Quantity.Parse("512Mi")).ToString());
        Assert.Equal("500m", default(Quantity).Add(Quantity.Parse("500m")).ToString());
        Assert.Equal("1500m", Quantity.Parse("1").Add(Quantity.Parse("500m")).ToString());
        Assert.Equal("1536870912", Quantity.Parse("1G").Add(Quantity.Parse("512Mi")).ToString());
        Assert.Equal("0", Quantity.Parse("1").Subtract(Quantity.Parse("1")).ToString());
    }

    [Fact]
    public void Milli_and_unit_values_round_away_from_zero()
    {
        Assert.Equal(1001, (long)Quantity.Parse("1.0001").MilliValue);
        Assert.Equal(2, (long)Quantity.Parse("1.5").Value);
        Assert.Equal(-2, (long)Quantity.Parse("-1.5").Value);
        Assert.Equal(250, (long)Quantity.Parse("250m").MilliValue);
        Assert.True(Quantity.Parse("2k").IsInteger);
        Assert.False(Quantity.Parse("1500m").IsInteger);
    }

    [Fact]
    public void Json_numbers_and_strings_both_parse()
    {
        Assert.True(Quantity.TryParse(JsonValue.Create(2), out var two, out _));
        Assert.Equal("2", two.ToString());
        Assert.True(Quantity.TryParse(JsonNode.Parse("1.5"), out var fraction, out _));
        Assert.Equal("1500m", fraction.ToString());
        Assert.True(Quantity.TryParse(JsonValue.Create(" 64Mi "), out var padded, out _));
        Assert.Equal("64Mi", padded.ToString());
        Assert.False(Quantity.TryParse(JsonValue.Create(true), out _, out _));
    }

    [Fact]
    public void Go_syntax_shows_the_int64_amount_kubernetes_parsed()
    {
        Assert.Equal(
            "resource.Quantity{i:resource.int64Amount{value:2, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:\"2\", Format:\"DecimalSI\"}",
            Quantity.Parse("2").GoSyntax());
        Assert.Equal(
            "resource.Quantity{i:resource.int64Amount{value:5, scale:-1}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:\"\", Format:\"DecimalSI\"}",
            Quantity.Parse("0.5").GoSyntax());
        Assert.Equal(
            "resource.Quantity{i:resource.int64Amount{value:1073741824, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:\"1Gi\", Format:\"BinarySI\"}",
            Quantity.Parse("1Gi").GoSyntax());
    }
}
