using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Labs.Content.Checks;
using Labs.Content.Paths;
using Labs.Grading.Matching;

namespace Labs.Grading.Evaluation;

/// <summary>Evaluates value assertions (JSONPath results, counts, file contents, command output) and words them.</summary>
internal static class AssertionEvaluator
{
    /// <summary>Whether the values satisfy the assertion.</summary>
    public static bool Holds(Assertion assertion, IReadOnlyList<JsonNode?> values) => assertion.Quantifier switch
    {
        Quantifier.Every => values.Count > 0 && values.All(v => HoldsFor(assertion, [v])),
        Quantifier.Any => values.Any(v => HoldsFor(assertion, [v])),
        _ => HoldsFor(assertion, values),
    };

    /// <summary>The values as one JSON node: the single value, an array of several, or null for none.</summary>
    public static JsonNode? Found(IReadOnlyList<JsonNode?> values) => values.Count switch
    {
        0 => null,
        1 => values[0]?.DeepClone(),
        _ => new JsonArray([.. values.Select(v => v?.DeepClone())]),
    };

    /// <summary>
    /// The sentence for a failed assertion: <c>expected SUBJECT to be 2, found 1</c>, or for quantifiers
    /// <c>expected every value of SUBJECT to match "^nginx", found ["nginx", "httpd"]</c>.
    /// </summary>
    public static string Explain(Assertion assertion, string subject, IReadOnlyList<JsonNode?> values)
    {
        var who = assertion.Quantifier switch
        {
            Quantifier.Every => $"every value of {subject}",
            Quantifier.Any => $"some value of {subject}",
            _ => subject,
        };
        var found = values.Count == 0 ? "nothing there" : MismatchMessages.Show(Found(values));
        if (assertion.Operator == AssertionOperator.Exists && assertion.Negated)
            return $"expected {who} not to be set, found {found}";
        return $"expected {who} to {Expectation(assertion)}, found {found}";
    }

    /// <summary>The expectation as a verb phrase: <c>be 2</c>, <c>contain "web"</c>, <c>be at least 3</c>.</summary>
    public static string Expectation(Assertion assertion)
    {
        var operand = MismatchMessages.Show(assertion.Operand);
        return assertion.Operator switch
        {
            AssertionOperator.Equals => $"be {operand}",
            AssertionOperator.Contains => $"contain {operand}",
            AssertionOperator.Matches => $"match {operand}",
            AssertionOperator.Exists => assertion.Negated ? "not be set" : "be set",
            AssertionOperator.GreaterThan => $"be greater than {operand}",
            AssertionOperator.AtLeast => $"be at least {operand}",
            AssertionOperator.LessThan => $"be less than {operand}",
            AssertionOperator.AtMost => $"be at most {operand}",
            _ => $"be one of {operand}",
        };
    }

    private static bool HoldsFor(Assertion assertion, IReadOnlyList<JsonNode?> values)
    {
        if (assertion.Operator == AssertionOperator.Exists)
            return values.Any(v => v is not null) != assertion.Negated;
        if (values.Count == 0)
            return false;
        var value = values.Count == 1 ? values[0] : Found(values);
        var operand = assertion.Operand;
        switch (assertion.Operator)
        {
            case AssertionOperator.Equals:
                return JsonScalars.AreEqual(value, operand);
            case AssertionOperator.Contains:
                return value switch
                {
                    JsonArray list => list.Any(item => JsonScalars.AreEqual(item, operand)),
                    JsonObject map => map.ContainsKey(JsonScalars.Text(operand)),
                    null => false,
                    _ => JsonScalars.Text(value).Contains(JsonScalars.Text(operand), StringComparison.Ordinal),
                };
            case AssertionOperator.Matches:
                return value is JsonValue && IsMatch(assertion.Pattern!, JsonScalars.Text(value));
            case AssertionOperator.In:
                return operand is JsonArray allowed && allowed.Any(item => JsonScalars.AreEqual(value, item));
        }
        if (!JsonScalars.TryNumber(value, out var number) || !JsonScalars.TryNumber(operand, out var limit))
            return false;
        return assertion.Operator switch
        {
            AssertionOperator.GreaterThan => number > limit,
            AssertionOperator.AtLeast => number >= limit,
            AssertionOperator.LessThan => number < limit,
            _ => number <= limit,
        };
    }

    private static bool IsMatch(Regex pattern, string text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            // A pattern that backtracks for a second on this text does not match it.
            return false;
        }
    }
}
