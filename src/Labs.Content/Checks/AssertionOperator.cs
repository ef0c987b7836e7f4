namespace Labs.Content.Checks;

/// <summary>The operators of value assertions (JSONPath results, counts, file contents, command output).</summary>
public enum AssertionOperator
{
    /// <summary><c>equals</c>: the value equals the operand (numbers numerically, else as text; a list operand compares lists).</summary>
    Equals,
    /// <summary><c>contains</c>: text contains the operand, or a list has an item equal to it.</summary>
    Contains,
    /// <summary><c>matches</c>: text matches the regular expression (.NET syntax, 1 s limit).</summary>
    Matches,
    /// <summary><c>exists</c>: something is there (<c>exists: false</c>: nothing is).</summary>
    Exists,
    /// <summary><c>gt</c>: a number greater than the operand.</summary>
    GreaterThan,
    /// <summary><c>gte</c>: a number at least the operand.</summary>
    AtLeast,
    /// <summary><c>lt</c>: a number less than the operand.</summary>
    LessThan,
    /// <summary><c>lte</c>: a number at most the operand.</summary>
    AtMost,
    /// <summary><c>in</c>: the value is one of a list.</summary>
    In,
}
