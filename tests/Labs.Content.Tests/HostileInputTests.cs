using System.Text;

namespace Labs.Content.Tests;

/// <summary>
/// Hostile lab files: each must fail with a clear error naming the file and position, quickly, never by exhausting
/// memory or the stack. Every test is bounded: a hang fails it instead of blocking the suite.
/// </summary>
public sealed class HostileInputTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private const string BillionLaughs = """
        ---
        id: sample
        title: &a "lol"
        summary: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
        tags: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
        difficulty: beginner
        duration: 5m
        ---
        """;

    [Fact]
    public async Task A_billion_laughs_front_matter_is_refused_at_its_first_anchor()
    {
        var ex = await FailsAsync(BillionLaughs);

        Assert.Equal("labs/sample/lab.md:3:8: anchors (&a) are not supported in labs; write the value out where it is used", ex.Message);
    }

    [Fact]
    public async Task A_billion_laughs_task_block_is_refused()
    {
        var laughs = "```task\nid: a\ntitle: A\nchecks:\n  - resource: v1/Pod/a\n    expect: &x {a: [1, 2, 3]}\n  - resource: v1/Pod/b\n    expect: {b: [*x, *x, *x]}\n```\n";

        var ex = await FailsAsync(SampleLab.With(laughs));

        Assert.StartsWith("labs/sample/lab.md:14:13: anchors (&x) are not supported", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    public async Task Deeply_nested_yaml_is_refused_with_its_position(string open, string close)
    {
        var deep = string.Concat(Enumerable.Repeat(open, 100_000)) + "1" + string.Concat(Enumerable.Repeat(close, 100_000));
        var text = SampleLab.FrontMatter.Replace("tags: [testing]", $"tags: {deep}", StringComparison.Ordinal);

        var ex = await FailsAsync(text);

        Assert.StartsWith("labs/sample/lab.md:7:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("nests deeper than 64 levels", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deeply_nested_block_yaml_in_a_task_is_refused()
    {
        var yaml = new StringBuilder("```task\nid: a\ntitle: A\nchecks:\n  - resource: v1/Pod/a\n    expect:\n");
        for (var i = 0; i < 200; i++)
            yaml.Append(' ', 6 + (2 * i)).Append("k:\n");
        yaml.Append("```\n");

        var ex = await FailsAsync(SampleLab.With(yaml.ToString()));

        Assert.Contains("nests deeper than 64 levels", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_binary_lab_md_is_reported_as_binary()
    {
        using var temp = new TempLabs();
        var dir = temp.Write("sample", "");
        await File.WriteAllBytesAsync(Path.Combine(dir, "lab.md"), [.. Encoding.UTF8.GetBytes("---\nid: sample\n"), 0x00, 0xFF, 0x89, 0x50], TestContext.Current.CancellationToken);

        var ex = await Task.Run(() => Assert.Throws<LabFormatException>(() => new LabLoader().Load(dir))).WaitAsync(Bound, TestContext.Current.CancellationToken);

        Assert.Equal("labs/sample/lab.md:3:1: the file holds binary data (a NUL byte); lab files are UTF-8 text", ex.Message);
    }

    [Fact]
    public async Task A_lab_md_that_is_not_utf8_is_reported()
    {
        using var temp = new TempLabs();
        var dir = temp.Write("sample", "");
        await File.WriteAllBytesAsync(Path.Combine(dir, "lab.md"), [.. Encoding.UTF8.GetBytes("---\nid: caf"), 0xE9, (byte)'\n'], TestContext.Current.CancellationToken);

        var ex = Assert.Throws<LabFormatException>(() => new LabLoader().Load(dir));

        Assert.EndsWith("the file is not UTF-8 text", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_very_large_lab_md_is_refused_without_being_read()
    {
        using var temp = new TempLabs();
        var dir = temp.Write("sample", "");
        await using (var file = File.Create(Path.Combine(dir, "lab.md")))
        {
            file.SetLength(64L * 1024 * 1024);
        }

        var ex = await Task.Run(() => Assert.Throws<LabFormatException>(() => new LabLoader().Load(dir))).WaitAsync(Bound, TestContext.Current.CancellationToken);

        Assert.Equal("labs/sample/lab.md: the file is 65536 KiB; lab files may be at most 1024 KiB", ex.Message);
    }

    [Fact]
    public async Task A_large_but_allowed_lesson_loads()
    {
        var body = string.Concat(Enumerable.Repeat("Some text with `code` and **bold**.\n\n", 20_000));

        var parsed = await Task.Run(() => LabLoader.Parse(SampleLab.With(body), "labs/sample/lab.md", "sample")).WaitAsync(Bound, TestContext.Current.CancellationToken);

        Assert.Contains("<strong>bold</strong>", parsed.LessonHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_with_anchors_is_refused_naming_the_file()
    {
        using var temp = new TempLabs();
        var dir = temp.Write("sample", SampleLab.With(""));
        Directory.CreateDirectory(Path.Combine(dir, "setup"));
        await File.WriteAllTextAsync(Path.Combine(dir, "setup", "bomb.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: &d {a: b}\nextra: [*d, *d]\n", TestContext.Current.CancellationToken);

        var ex = Assert.Throws<LabFormatException>(() => new LabLoader().Load(dir));

        Assert.Equal("labs/sample/setup/bomb.yaml:4:7: anchors (&d) are not supported in labs; write the value out where it is used", ex.Message);
    }

    [Fact]
    public void Broken_front_matter_of_every_shape_fails_with_a_position()
    {
        string[] broken =
        [
            "---\n", "---\n---\n", "---\n: x\n---\n", "---\n- a\n- b\n---\n", "---\nid: [a\n---\n", "---\nid: sample\n\tbad: tab\n---\n",
            "---\n\"unclosed\n---\n", "---\nid: !!binary aGk=\n---\n", "---\n? complex\n: key\n---\n", "---\nid: sample\n...\n", "---\nid: {a: b}\n---\n",
            "---\n%YAML 1.1\n---\n", "---\nid: sample\ntools: [\"Bad Tool\"]\n---\n", "---\nid: sample\nexam: {timeLimit: 1h}\n---\n",
        ];
        foreach (var text in broken)
        {
            var ex = Record.Exception(() => LabLoader.Parse(text, "labs/sample/lab.md", "sample"));
            var format = Assert.IsType<LabFormatException>(ex);
            Assert.Matches(@"^labs/sample/lab\.md:\d+:\d+: ", format.Message);
        }
    }

    private static async Task<LabFormatException> FailsAsync(string text) =>
        await Task.Run(() => Assert.Throws<LabFormatException>(() => LabLoader.Parse(text, "labs/sample/lab.md", "sample")))
            .WaitAsync(Bound, TestContext.Current.CancellationToken);
}
