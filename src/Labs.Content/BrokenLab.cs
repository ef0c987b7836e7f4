namespace Labs.Content;

/// <summary>A lab folder whose files do not load: the platform lists it with its problems and serves the others.</summary>
/// <param name="Id">The folder name.</param>
/// <param name="Directory">Full path of the lab folder.</param>
/// <param name="Problems">Every problem, each with its file, line and column.</param>
public sealed record BrokenLab(string Id, string Directory, IReadOnlyList<LabFormatException> Problems);
