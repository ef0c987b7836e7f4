using System.Text.Json.Nodes;
using Labs.Cluster.Api;

namespace Labs.Cluster.Tests.Api;

public sealed class SelectorTests
{
    private static readonly JsonObject Pod = JsonNode.Parse("""
        {"metadata":{"name":"p","namespace":"n","labels":{"app":"web","tier":"front"}},"spec":{"nodeName":"node-1"},"status":{"phase":"Running"}}
        """)!.AsObject();

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app!=web", false)]
    [InlineData("app in (web,api)", true)]
    [InlineData("app notin (web)", false)]
    [InlineData("tier", true)]
    [InlineData("!tier", false)]
    [InlineData("!missing", true)]
    [InlineData("app=web,tier=back", false)]
    [InlineData("app in (a, web),tier", true)]
    public void Label_selectors_match_like_kubernetes(string selector, bool expected) =>
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Pod));

    [Theory]
    [InlineData("metadata.name=p", true)]
    [InlineData("metadata.namespace==n", true)]
    [InlineData("status.phase!=Running", false)]
    [InlineData("spec.nodeName=node-1,status.phase!=Succeeded", true)]
    [InlineData("involvedObject.name=x", false)]
    public void Field_selectors_match_like_kubernetes(string selector, bool expected) =>
        Assert.Equal(expected, FieldSelector.Parse(selector).Matches(Pod));

    [Fact]
    public void A_malformed_selector_is_a_bad_request_in_the_api_servers_words()
    {
        var e = Assert.Throws<ApiException>(() => LabelSelector.Parse("app in web"));
        Assert.Equal(400, e.Code);
        Assert.Equal("unable to parse requirement: found 'web' expected: '('", e.Message);
        Assert.Equal(400, Assert.Throws<ApiException>(() => FieldSelector.Parse("nonsense")).Code);
    }
}
