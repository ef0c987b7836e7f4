namespace Labs.Content.Tests;

public sealed class LessonSpecTests
{
    // Theory data are case names ("code.md:7 Run block") so each example shows up as its own test.
    public static TheoryData<string> Cases() => [.. SpecFile.ReadAll().Select(c => c.ToString())];

    [Fact]
    public void The_spec_files_hold_examples()
    {
        Assert.True(SpecFile.ReadAll().Count() >= 10);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Lesson_markdown_renders_as_the_spec_says(string example)
    {
        var spec = SpecFile.ReadAll().Single(c => c.ToString() == example);

        var parsed = LabLoader.Parse(SampleLab.FrontMatter + spec.Markdown, "labs/sample/lab.md", "sample");

        Assert.Equal(spec.Html.Trim(), parsed.Html[spec.Mode].Trim());
    }
}
