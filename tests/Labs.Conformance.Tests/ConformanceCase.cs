namespace Labs.Conformance.Tests;

/// <summary>One case of a <c>Cases/*.txt</c> file: a name and its steps, with where it was read from.</summary>
public sealed record ConformanceCase(string File, int Line, string Name, IReadOnlyList<ConformanceStep> Steps)
{
    /// <summary>What xunit shows for the case.</summary>
    public override string ToString() => $"{File}:{Line} {Name}";
}
