namespace Labs.Content.Paths;

/// <summary>A JSONPath expression is malformed; <see cref="Column"/> is the 1-based position in the expression.</summary>
public sealed class JsonPathException : FormatException
{
    /// <summary>Creates the exception for a position in an expression.</summary>
    public JsonPathException(string expression, int column, string reason)
        : base($"invalid JSONPath '{expression}' at character {column}: {reason}")
    {
        Expression = expression;
        Column = column;
        Reason = reason;
    }

    /// <summary>The expression as written.</summary>
    public string Expression { get; }

    /// <summary>1-based character position of the problem in <see cref="Expression"/>.</summary>
    public int Column { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }
}
