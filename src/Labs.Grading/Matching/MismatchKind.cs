namespace Labs.Grading.Matching;

/// <summary>How an actual value fails to match.</summary>
internal enum MismatchKind
{
    /// <summary>The field is not set.</summary>
    Missing,
    /// <summary>A scalar has another value.</summary>
    Value,
    /// <summary>An object was expected.</summary>
    NotAnObject,
    /// <summary>A list was expected.</summary>
    NotAList,
    /// <summary>The list has another number of items.</summary>
    Length,
    /// <summary>The field was expected not to be set (<c>null</c> in the expectation).</summary>
    Unexpected,
    /// <summary>A list matched by a key (name, merge key) has no item with the expected key.</summary>
    MissingItem,
}
