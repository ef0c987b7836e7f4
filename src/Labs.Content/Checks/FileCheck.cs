namespace Labs.Content.Checks;

/// <summary>
/// A file in the learner's toolbox has given content (CKA style: "write the answer to /opt/course/1/answer.txt"):
/// <c>- file: /opt/course/1/answer.txt</c> with <c>equals</c>, <c>contains</c>, <c>matches</c> or <c>exists</c>.
/// The grader reads it by exec through the API with the platform's credentials.
/// </summary>
public sealed record FileCheck : Check
{
    /// <summary>Absolute path, or relative to the learner's home (<c>~/answer.txt</c>).</summary>
    public required string Path { get; init; }

    /// <summary>What the content must satisfy.</summary>
    public required Assertion Assertion { get; init; }

    /// <summary>
    /// <c>normalize: whitespace</c>: runs of spaces, tabs and line ends count as one space and both ends are trimmed,
    /// in the content and in the expected text alike.
    /// </summary>
    public bool NormalizeWhitespace { get; init; }

    /// <inheritdoc />
    protected override string Describe() =>
        Assertion.Operator == AssertionOperator.Exists ? $"{Path} {(Assertion.Negated ? "does not exist" : "exists")}" : $"{Path} {Assertion}";
}
