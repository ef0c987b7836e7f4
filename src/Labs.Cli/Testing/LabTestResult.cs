namespace Labs.Cli.Testing;

/// <summary>The outcome of <c>labs test</c> for one lab.</summary>
/// <param name="LabId">The lab.</param>
/// <param name="Steps">The stages run, in order; a failed stage ends the test of the lab.</param>
/// <param name="Duration">How long the lab's test took, session start and end included.</param>
internal sealed record LabTestResult(string LabId, IReadOnlyList<LabTestStep> Steps, TimeSpan Duration)
{
    /// <summary>Whether every stage passed.</summary>
    public bool Passed => Steps.Count > 0 && Steps.All(s => s.Passed);

    /// <summary>Every problem, prefixed by its stage.</summary>
    public IEnumerable<string> Problems => Steps.SelectMany(s => s.Problems.Select(p => $"{s.Name}: {p}"));
}
