using Labs.Content.Paths;

namespace Labs.Content.Checks;

/// <summary>
/// A JSONPath assertion on an object: <c>- resource: v1/Pod/web</c>, <c>jsonpath: .spec.containers[*].image</c>,
/// and one operator (<c>equals</c>, <c>contains</c>, <c>matches</c>, <c>exists</c>, <c>gt</c>, <c>gte</c>, <c>lt</c>,
/// <c>lte</c>, <c>in</c>, or <c>every</c>/<c>any</c> with one of those).
/// </summary>
public sealed record JsonPathCheck : Check
{
    /// <summary>The object read.</summary>
    public required ObjectRef Target { get; init; }

    /// <summary>The path evaluated in the object.</summary>
    public required JsonPathExpression Path { get; init; }

    /// <summary>What the selected values must satisfy.</summary>
    public required Assertion Assertion { get; init; }

    /// <inheritdoc />
    protected override string Describe() => $"{Target}: {Path.Text} {Assertion}";
}
