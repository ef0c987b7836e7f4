namespace Labs.Content.Checks;

/// <summary>How an assertion applies to several values (<c>every:</c>, <c>any:</c>).</summary>
public enum Quantifier
{
    /// <summary>No quantifier: the assertion applies to the single value (or the list as a whole).</summary>
    None,
    /// <summary><c>every: {...}</c>: every value must satisfy it (and there must be at least one).</summary>
    Every,
    /// <summary><c>any: {...}</c>: at least one value must satisfy it.</summary>
    Any,
}
