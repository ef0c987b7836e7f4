namespace Labs.Cli.Testing;

/// <summary>One stage of testing a lab, as the report shows it.</summary>
/// <param name="Name">setup, before, solution or after.</param>
/// <param name="Passed">Whether the stage went as it must.</param>
/// <param name="Problems">What went wrong, one sentence each.</param>
/// <param name="Notes">Things worth knowing that are not failures (e.g. a check that passes before the solution in a task that does not).</param>
internal sealed record LabTestStep(string Name, bool Passed, IReadOnlyList<string> Problems, IReadOnlyList<string> Notes);
