using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Labs.Content.Checks;
using Labs.Content.Paths;
using Labs.Content.Yaml;
using YamlDotNet.RepresentationModel;

namespace Labs.Content;

public sealed partial class LabLoader
{
    internal static readonly string[] AssertionKeys = ["equals", "contains", "matches", "exists", "gt", "gte", "lt", "lte", "in", "every", "any"];
    private static readonly string[] AccessKeys = ["as", "groups", "verb", "resource", "group", "namespace", "name"];
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private static Assertion ReadAssertion(YamlBlock block, YamlMappingReader map, IReadOnlyList<string> operators, string what, bool numeric = false, bool defaultExists = false)
    {
        var present = AssertionKeys.Where(map.Has).ToList();
        if (present.Count == 0)
        {
            if (defaultExists)
                return new Assertion { Operator = AssertionOperator.Exists };
            throw block.Error(map.Node, $"a {what} check needs one of: {string.Join(", ", operators)}");
        }
        if (present.Count > 1)
            throw block.Error(map.Value(present[1])!, $"a check takes one operator; this one has {string.Join(" and ", present)}: split it into {present.Count} checks");
        var key = present[0];
        var value = map.Value(key)!;
        if (key is "every" or "any")
        {
            if (what != "jsonpath")
                throw block.Error(value, $"'{key}' applies to the values a jsonpath selects, not to a {what}");
            var inner = new YamlMappingReader(block, value, key, [.. AssertionKeys.Where(k => k is not ("every" or "any"))], keyNoun: "operator");
            var quantified = ReadAssertion(block, inner, [.. operators.Where(k => k is not ("every" or "any"))], what);
            return quantified with { Quantifier = key == "every" ? Quantifier.Every : Quantifier.Any };
        }
        if (!operators.Contains(key, StringComparer.Ordinal))
            throw block.Error(value, $"'{key}' does not apply to a {what}; use one of: {string.Join(", ", operators)}");
        return ReadOperand(block, key, value, numeric);
    }

    private static Assertion ReadOperand(YamlBlock block, string key, YamlNode value, bool numeric)
    {
        var op = Assertion.Names[key];
        var operand = YamlJson.ToJson(block, value);
        switch (op)
        {
            case AssertionOperator.Exists:
                if (operand?.GetValueKind() is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False))
                    throw block.Error(value, "'exists' must be true or false");
                return new Assertion { Operator = op, Negated = operand.GetValueKind() == System.Text.Json.JsonValueKind.False };
            case AssertionOperator.Matches:
                var pattern = operand is JsonValue text && text.GetValueKind() == System.Text.Json.JsonValueKind.String ? text.GetValue<string>() : null;
                if (string.IsNullOrEmpty(pattern))
                    throw block.Error(value, "'matches' must be a regular expression in quotes, e.g. matches: '^nginx:1\\.2[0-9]$'");
                try
                {
                    return new Assertion { Operator = op, Operand = operand, Pattern = new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout) };
                }
                catch (ArgumentException ex)
                {
                    throw block.Error(value, $"'matches' is not a valid regular expression: {ex.Message}");
                }
            case AssertionOperator.In:
                if (operand is not JsonArray { Count: > 0 })
                    throw block.Error(value, "'in' must be a list of the allowed values, e.g. in: [ClusterIP, NodePort]");
                return new Assertion { Operator = op, Operand = operand };
            case AssertionOperator.GreaterThan or AssertionOperator.AtLeast or AssertionOperator.LessThan or AssertionOperator.AtMost:
                if (!JsonScalars.TryNumber(operand, out _) || operand is JsonValue s && s.GetValueKind() == System.Text.Json.JsonValueKind.String)
                    throw block.Error(value, $"'{key}' must be a number");
                return new Assertion { Operator = op, Operand = operand };
            default:
                if (operand is null)
                    throw block.Error(value, $"'{key}' needs a value; to require that nothing is there, use exists: false");
                if (numeric && (!JsonScalars.TryNumber(operand, out _) || operand is not JsonValue))
                    throw block.Error(value, $"'{key}' must be a number here");
                return new Assertion { Operator = op, Operand = operand };
        }
    }

    private static AccessCheck ReadAccessCheck(YamlBlock block, YamlMappingReader map, int line)
    {
        var access = new YamlMappingReader(block, map.Value("access")!, "access", AccessKeys, keyNoun: "field");
        var verb = access.RequiredString("verb");
        if (!VerbPattern().IsMatch(verb))
            throw block.Error(access.Value("verb")!, $"verb '{verb}' must be a verb such as get, list, watch, create, update, patch, delete or *");
        var resource = access.RequiredString("resource");
        if (!AccessResourcePattern().IsMatch(resource))
            throw block.Error(access.Value("resource")!, $"resource '{resource}' must be a resource's plural name, e.g. pods, deployments or pods/log");
        return new AccessCheck
        {
            User = access.RequiredString("as"),
            Groups = access.OptionalStringList("groups"),
            Verb = verb,
            Resource = resource,
            Group = access.Has("group") ? (access.Value("group") as YamlScalarNode)?.Value ?? "" : "",
            Namespace = access.Has("namespace") ? (access.Value("namespace") as YamlScalarNode)?.Value ?? "" : null,
            Name = access.OptionalString("name"),
            Allowed = map.OptionalBool("allowed", true),
            Line = line,
        };
    }

    [GeneratedRegex(@"^(?:\*|[a-z]+)$")]
    private static partial Regex VerbPattern();

    [GeneratedRegex(@"^(?:\*|[a-z0-9.-]+(?:/[a-z]+)?)$")]
    private static partial Regex AccessResourcePattern();
}
