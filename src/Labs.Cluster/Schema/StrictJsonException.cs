namespace Labs.Cluster.Schema;

/// <summary>
/// JSON that <see cref="StrictJson"/> refuses: a syntax error, a field given twice, or a string that is not valid
/// Unicode. The message says what and where; the API layer wraps it in the real API server's words.
/// </summary>
public sealed class StrictJsonException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">What kind of problem was found.</param>
    /// <param name="message">What is wrong and where, without a <c>json: </c> prefix.</param>
    /// <param name="duplicateFields">For <see cref="StrictJsonProblem.DuplicateField"/>, every duplicated field path.</param>
    public StrictJsonException(StrictJsonProblem problem, string message, IReadOnlyList<string>? duplicateFields = null)
        : base(message)
    {
        Problem = problem;
        DuplicateFields = duplicateFields ?? [];
    }

    /// <summary>Creates a syntax-error exception.</summary>
    public StrictJsonException()
        : this(StrictJsonProblem.Syntax, "invalid JSON")
    {
    }

    /// <summary>Creates a syntax-error exception with a message.</summary>
    public StrictJsonException(string message)
        : this(StrictJsonProblem.Syntax, message)
    {
    }

    /// <summary>Creates a syntax-error exception wrapping the reader's error.</summary>
    public StrictJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = StrictJsonProblem.Syntax;
        DuplicateFields = [];
    }

    /// <summary>What kind of problem was found.</summary>
    public StrictJsonProblem Problem { get; }

    /// <summary>Paths of duplicated fields in document order, e.g. <c>data.a</c> or <c>spec.containers[0].name</c>.</summary>
    public IReadOnlyList<string> DuplicateFields { get; }
}
