using System.Text.Json.Nodes;
using Labs.Grading.Matching;

namespace Labs.Grading.Tests;

public sealed class PartialMatcherTests
{
    [Theory]
    [InlineData("""{"a": 2}""", """{"a": 2.0, "b": 1}""")]
    [InlineData("""{"a": "2"}""", """{"a": 2}""")]
    [InlineData("""{"a": true}""", """{"a": "true"}""")]
    [InlineData("""{"a": null}""", """{"b": 1}""")]
    [InlineData("""{"l": [{"x": 1}]}""", """{"l": [{"x": 1, "y": 2}]}""")]
    [InlineData("""{}""", """{"anything": 1}""")]
    public void Partial_expectations_match(string expected, string actual)
    {
        Assert.Empty(PartialMatcher.Compare(JsonNode.Parse(expected)!.AsObject(), JsonNode.Parse(actual)));
    }

    [Theory]
    [InlineData("""{"a": {"b": 1}}""", """{"a": "text"}""", "expected a to be an object, found \"text\"")]
    [InlineData("""{"a": [1]}""", """{"a": {"b": 1}}""", "expected a to be a list, found {\"b\":1}")]
    [InlineData("""{"a": null}""", """{"a": 5}""", "expected a not to be set, found 5")]
    [InlineData("""{"a": [1, 2]}""", """{"a": [1]}""", "expected a to have 2 items, found 1")]
    [InlineData("""{"a": [1]}""", """{"a": [1, 3]}""", "expected a to have 1 item, found 2")]
    [InlineData("""{"a": {"b": 1}}""", """{}""", "expected a.b to be 1, but it is not set")]
    [InlineData("""{"spec": {"replicas": 3}}""", """{"spec": {"replicas": "x"}}""", "expected spec.replicas to be 3, found \"x\"")]
    public void Differences_are_explained(string expected, string actual, string sentence)
    {
        var mismatch = Assert.Single(PartialMatcher.Compare(JsonNode.Parse(expected)!.AsObject(), JsonNode.Parse(actual)));

        Assert.Equal(sentence, MismatchMessages.Describe(mismatch));
    }
}
