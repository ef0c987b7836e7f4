namespace Labs.Content;

/// <summary>A gradable task, declared in a <c>```task</c> block of a lesson.</summary>
/// <param name="Id">Task id, unique within the lab (lowercase letters, digits and dashes).</param>
/// <param name="Title">What the learner has to achieve, one line.</param>
/// <param name="Checks">At least one check; the task passes when all pass.</param>
/// <param name="Hint">Optional hint in inline Markdown.</param>
/// <param name="Weight">Score weight in exams; 1 unless given.</param>
public sealed record LabTask(string Id, string Title, IReadOnlyList<Check> Checks, string? Hint, int Weight = 1);
