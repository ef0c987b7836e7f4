using System.Text.Json.Nodes;
using Labs.Content.Paths;

namespace Labs.Content.Tests;

public sealed class JsonPathTests
{
    private static readonly JsonNode Pod = JsonNode.Parse("""
        {"metadata": {"name": "web", "labels": {"app.kubernetes.io/name": "web", "tier": "front"}},
         "spec": {"containers": [{"name": "a", "image": "nginx:1.27", "ports": [{"containerPort": 80}]},
                                 {"name": "b", "image": "busybox", "ports": [{"containerPort": 8080}]}]},
         "status": {"conditions": [{"type": "Ready", "status": "True"}, {"type": "Initialized", "status": "True"}]}}
        """)!;

    [Theory]
    [InlineData("{.metadata.name}", "[\"web\"]")]
    [InlineData("$.metadata.name", "[\"web\"]")]
    [InlineData("metadata.name", "[\"web\"]")]
    [InlineData(".spec.containers[*].image", "[\"nginx:1.27\",\"busybox\"]")]
    [InlineData(".spec.containers[-1].name", "[\"b\"]")]
    [InlineData(".spec.containers[0:1].name", "[\"a\"]")]
    [InlineData(".metadata.labels['app.kubernetes.io/name']", "[\"web\"]")]
    [InlineData(".metadata.labels.*", "[\"web\",\"front\"]")]
    [InlineData("..containerPort", "[80,8080]")]
    [InlineData(".status.conditions[?(@.type==\"Ready\")].status", "[\"True\"]")]
    [InlineData(".spec.containers[?(@.ports[0].containerPort >= 1000)].name", "[\"b\"]")]
    [InlineData(".spec.containers[?(@.image)].name", "[\"a\",\"b\"]")]
    [InlineData(".spec.missing", "[]")]
    [InlineData(".spec.containers[5]", "[]")]
    public void Kubectl_style_paths_select_what_kubectl_selects(string path, string expected)
    {
        var values = JsonPathExpression.Parse(path).Evaluate(Pod);

        Assert.Equal(expected, new JsonArray([.. values.Select(v => v?.DeepClone())]).ToJsonString());
    }

    [Theory]
    [InlineData("", 1, "the expression selects nothing")]
    [InlineData("{.a", 4, "expected the closing '}'")]
    [InlineData(".a[", 4, "the '[' is never closed")]
    [InlineData(".a['b]", 4, "the quote ' is never closed")]
    [InlineData(".a[?(.b)]", 6, "a filter starts with '@'")]
    [InlineData(".a[x]", 4, "expected an index")]
    [InlineData(".a b", 4, "unexpected 'b'")]
    [InlineData(".", 2, "expected a field name at the end")]
    [InlineData(".a[?(@.b == )]", 13, "expected a value")]
    public void A_malformed_path_names_the_character_and_the_problem(string path, int column, string reason)
    {
        var ex = Assert.Throws<JsonPathException>(() => JsonPathExpression.Parse(path));

        Assert.Equal(column, ex.Column);
        Assert.StartsWith(reason, ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_text_is_a_path_or_a_json_path_error_never_a_crash()
    {
        var random = new Random(7);
        const string alphabet = ".[]?(@)*'\"=<>!:-0123456789abc${} ";
        for (var i = 0; i < 5000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(1, 24)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var ex = Record.Exception(() => JsonPathExpression.Parse(text).Evaluate(Pod));
            Assert.True(ex is null or JsonPathException, $"{ex?.GetType().Name}: {ex?.Message} for '{text}'");
        }
    }
}
