namespace Labs.Content;

/// <summary>A file of a lab's <c>files/</c> folder, copied into the learner's home at setup.</summary>
/// <param name="RelativePath">Its path under <c>files/</c> and under the home, with <c>/</c> separators (<c>charts/web/Chart.yaml</c>).</param>
/// <param name="FullPath">Where it is on disk.</param>
/// <param name="Executable">Whether it is executable by its owner (kept in the home).</param>
public sealed record LabHomeFile(string RelativePath, string FullPath, bool Executable);
