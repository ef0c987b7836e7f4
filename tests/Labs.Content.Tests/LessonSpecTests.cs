namespace Labs.Content.Tests;

public sealed class LessonSpecTests
{
    public static TheoryData<SpecCase> Cases() => [.. SpecFile.ReadAll()];

    [Fact]
    public void The_spec_files_hold_examples()
    {
        Assert.NotEmpty(SpecFile.ReadAll());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Lesson_markdown_renders_as_the_spec_says(SpecCase spec)
    {
        var parsed = LabLoader.Parse(SampleLab.FrontMatter + spec.Markdown, "labs/sample/lab.md", "sample");

        Assert.Equal(spec.Html.Trim(), parsed.Html.Trim());
    }
}
