using System.Text.Json.Nodes;
using Labs.Content.Checks;
using Labs.Grading.Matching;
using Labs.Kube;

namespace Labs.Grading.Evaluation;

/// <summary>Checks that read objects: exists, absent, partial match, JSONPath assertions and counts.</summary>
internal sealed class ObjectEvaluator(KubeObjects objects)
{
    public async Task<Outcome> ResourceAsync(ResourceCheck check, string ns, CancellationToken cancellationToken)
    {
        var target = check.Target;
        var actual = await objects.GetAsync(target.ApiVersion, target.Kind, ns, target.Name, cancellationToken);
        if (check.Absent)
        {
            return actual is null
                ? Outcome.Pass($"{target} does not exist")
                : Outcome.Fail($"{target} exists, but it should not", "absent", Summary(actual));
        }
        if (actual is null)
            return Outcome.Fail($"{target} not found", check.Expect is null ? "exists" : check.Expect.ToJsonString());
        if (check.Expect is null)
            return Outcome.Pass($"{target} exists", found: Summary(actual));
        var found = Projection.Of(check.Expect, actual);
        var mismatches = PartialMatcher.Compare(check.Expect, actual);
        return mismatches.Count == 0
            ? Outcome.Pass($"{target} is as expected", check.Expect.ToJsonString(), found)
            : Outcome.Fail($"{target}: {string.Join("; ", mismatches.Select(MismatchMessages.Describe))}", check.Expect.ToJsonString(), found);
    }

    public async Task<Outcome> JsonPathAsync(JsonPathCheck check, string ns, CancellationToken cancellationToken)
    {
        var target = check.Target;
        var actual = await objects.GetAsync(target.ApiVersion, target.Kind, ns, target.Name, cancellationToken);
        var expected = $"{check.Path.Text} {check.Assertion}";
        if (actual is null)
            return Outcome.Fail($"{target} not found", expected);
        var values = check.Path.Evaluate(actual);
        var found = AssertionEvaluator.Found(values);
        return AssertionEvaluator.Holds(check.Assertion, values)
            ? Outcome.Pass($"{target}: {check.Path.Text} {check.Assertion}", expected, found)
            : Outcome.Fail($"{target}: {AssertionEvaluator.Explain(check.Assertion, check.Path.Text, values)}", expected, found);
    }

    public async Task<Outcome> CountAsync(CountCheck check, string ns, CancellationToken cancellationToken)
    {
        var (items, _) = await objects.ListAsync(check.ApiVersion, check.Kind, ns, check.Labels, check.Fields, cancellationToken);
        var count = JsonValue.Create(items.Count);
        var names = new JsonArray([.. items.Select(i => i["metadata"]?["name"]?.DeepClone())]);
        var selectors = string.Join(", ", new[] { check.Labels, check.Fields }.Where(s => s is not null));
        var subject = $"the number of {check.Kind} objects{(selectors.Length > 0 ? $" with {selectors}" : "")}";
        var found = new JsonObject { ["count"] = count.DeepClone(), ["names"] = names };
        return AssertionEvaluator.Holds(check.Assertion, [count])
            ? Outcome.Pass($"{char.ToUpperInvariant(subject[0])}{subject[1..]} is {items.Count}", check.Assertion.ToString(), found)
            : Outcome.Fail($"Expected {subject} to {AssertionEvaluator.Expectation(check.Assertion)}, found {items.Count}", check.Assertion.ToString(), found);
    }

    /// <summary>What an existence check shows of an object: its kind, name and the start of its status.</summary>
    private static JsonObject Summary(JsonObject actual) => new()
    {
        ["kind"] = actual["kind"]?.DeepClone(),
        ["metadata"] = new JsonObject { ["name"] = actual["metadata"]?["name"]?.DeepClone(), ["creationTimestamp"] = actual["metadata"]?["creationTimestamp"]?.DeepClone() },
    };
}
