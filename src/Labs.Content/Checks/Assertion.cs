using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Labs.Content.Checks;

/// <summary>
/// A value assertion: one operator with its operand, written as a key of the check (<c>equals: 2</c>,
/// <c>matches: '^nginx:'</c>, <c>in: [a, b]</c>), optionally under <c>every:</c> or <c>any:</c>.
/// </summary>
public sealed record Assertion
{
    /// <summary>The operator names as lab authors write them.</summary>
    public static readonly IReadOnlyDictionary<string, AssertionOperator> Names = new Dictionary<string, AssertionOperator>(StringComparer.Ordinal)
    {
        ["equals"] = AssertionOperator.Equals,
        ["contains"] = AssertionOperator.Contains,
        ["matches"] = AssertionOperator.Matches,
        ["exists"] = AssertionOperator.Exists,
        ["gt"] = AssertionOperator.GreaterThan,
        ["gte"] = AssertionOperator.AtLeast,
        ["lt"] = AssertionOperator.LessThan,
        ["lte"] = AssertionOperator.AtMost,
        ["in"] = AssertionOperator.In,
    };

    /// <summary>The operator.</summary>
    public required AssertionOperator Operator { get; init; }

    /// <summary>The operand as written (a number, text, or for <c>in</c> a list); null for <c>exists</c>.</summary>
    public JsonNode? Operand { get; init; }

    /// <summary>For <c>exists: false</c>: the value must not be there.</summary>
    public bool Negated { get; init; }

    /// <summary>How the assertion applies to several values.</summary>
    public Quantifier Quantifier { get; init; } = Quantifier.None;

    /// <summary>The compiled expression of <c>matches</c>; null for other operators.</summary>
    public Regex? Pattern { get; init; }

    /// <summary>The operator's name as written.</summary>
    public string OperatorName => Names.First(p => p.Value == Operator).Key;

    /// <summary>Reads like the YAML: <c>equals 2</c>, <c>every value matches "^nginx"</c>.</summary>
    public override string ToString()
    {
        var body = Operator == AssertionOperator.Exists ? (Negated ? "does not exist" : "exists") : $"{OperatorName} {Operand?.ToJsonString() ?? "null"}";
        return Quantifier switch
        {
            Quantifier.Every => $"every value {body}",
            Quantifier.Any => $"any value {body}",
            _ => body,
        };
    }
}
