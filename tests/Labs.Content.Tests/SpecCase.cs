namespace Labs.Content.Tests;

/// <summary>One rendering example from a spec file: Markdown in, HTML out, in one lesson mode.</summary>
public sealed record SpecCase(string File, int Line, string Name, string Markdown, string Html, LessonMode Mode = LessonMode.Lesson)
{
    // xunit shows this in the test name, so a failing case is easy to find in its file.
    public override string ToString() => $"{File}:{Line} {Name}";
}
