namespace Labs.Content;

/// <summary>Whether a lab teaches or tests (front matter <c>kind:</c>).</summary>
public enum LabKind
{
    /// <summary><c>lesson</c>: a guided lab with hints (the default).</summary>
    Lesson,
    /// <summary><c>exam</c>: a timed, scored set of weighted tasks.</summary>
    Exam,
}
