using Labs.Content.Checks;

namespace Labs.Content.Tests;

public sealed class LabLoaderTests
{
    [Fact]
    public void A_valid_lab_loads_its_front_matter_tasks_and_files()
    {
        using var temp = new TempLabs();
        var dir = temp.Write("sample", SampleLab.With("# Hello\n\n" + SampleLab.Task));
        Directory.CreateDirectory(Path.Combine(dir, "setup"));
        File.WriteAllText(Path.Combine(dir, "setup", "b.yaml"), "");
        File.WriteAllText(Path.Combine(dir, "setup", "a.yml"), "");
        File.WriteAllText(Path.Combine(dir, "setup", "notes.txt"), "");
        Directory.CreateDirectory(Path.Combine(dir, "solution"));
        File.WriteAllText(Path.Combine(dir, "solution", "solve.sh"), "");

        var lab = new LabLoader().Load(dir);

        Assert.Equal("sample", lab.Id);
        Assert.Equal("Sample lab", lab.Title);
        Assert.Equal("A lab for tests.", lab.Summary);
        Assert.Equal(LabDifficulty.Beginner, lab.Difficulty);
        Assert.Equal(TimeSpan.FromMinutes(15), lab.Duration);
        Assert.Equal(["testing"], lab.Tags);
        Assert.Equal(LabKind.Lesson, lab.Kind);
        Assert.Null(lab.Exam);
        var task = Assert.Single(lab.Tasks);
        Assert.Equal("web-deployment", task.Id);
        Assert.Equal(["Use `--replicas`."], task.Hints);
        var check = Assert.IsType<ResourceCheck>(Assert.Single(task.Checks));
        Assert.Equal(new ObjectRef("apps/v1", "Deployment", "web"), check.Target);
        Assert.False(check.Absent);
        Assert.Equal(2L, (long)check.Expect!["spec"]!["replicas"]!);
        Assert.Equal(Path.Combine(dir, "lab.md"), lab.SourcePath);
        Assert.Equal([Path.Combine(dir, "setup", "a.yml"), Path.Combine(dir, "setup", "b.yaml")], lab.SetupManifests);
        Assert.Null(lab.SetupScript);
        Assert.Equal(Path.Combine(dir, "solution", "solve.sh"), lab.SolutionScript);
        Assert.Empty(lab.SolutionManifests);
        Assert.Contains("<h1 id=\"hello\">Hello</h1>", lab.LessonHtml, StringComparison.Ordinal);
        Assert.Same(task, lab.FindTask("web-deployment"));
    }

    [Fact]
    public void Core_resources_have_a_two_part_api_version_and_scalars_keep_their_yaml_types()
    {
        var lab = Parse(SampleLab.With("""
            ```task
            id: cm
            title: ConfigMap settings
            checks:
              - resource: v1/ConfigMap/settings
                expect: {data: {count: "2", mode: fast, on: true, ratio: 1.5, n: 3}}
              - resource: v1/Secret/old
                absent: true
            ```
            """));

        var checks = lab.Tasks[0].Checks.Cast<ResourceCheck>().ToList();
        Assert.Equal("v1", checks[0].Target.ApiVersion);
        Assert.Equal("ConfigMap", checks[0].Target.Kind);
        var data = checks[0].Expect!["data"]!;
        Assert.Equal(System.Text.Json.JsonValueKind.String, data["count"]!.GetValueKind());
        Assert.Equal(System.Text.Json.JsonValueKind.True, data["on"]!.GetValueKind());
        Assert.Equal(1.5, (double)data["ratio"]!);
        Assert.Equal(3L, (long)data["n"]!);
        Assert.True(checks[1].Absent);
        Assert.Equal(15, checks[1].Line);
    }

    [Fact]
    public void An_exam_gets_its_settings_and_task_points_are_the_sum_of_check_points()
    {
        var lab = Parse("""
            ---
            id: sample
            title: Exam
            summary: Timed.
            difficulty: advanced
            duration: 1h30m
            kind: exam
            exam: {passMark: 75}
            ---
            ```task
            id: a
            title: A
            checks: [{resource: v1/Pod/a, points: 2}, {resource: v1/Pod/b}]
            ```
            """);

        Assert.Equal(LabKind.Exam, lab.Kind);
        Assert.Equal(new ExamSettings(TimeSpan.FromMinutes(90), 75), lab.Exam);
        Assert.Equal(3, lab.Tasks[0].Points);
    }

    [Fact]
    public void A_yaml_syntax_error_in_the_front_matter_points_at_the_line_in_lab_md()
    {
        var ex = ParseFails("---\nid: sample\ntitle: x\nsummary: \"unclosed\ndifficulty: beginner\n---\n");
        Assert.StartsWith("labs/sample/lab.md:4:10:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("invalid YAML", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_yaml_error_in_a_task_block_is_offset_by_where_the_block_starts()
    {
        // Front matter is lines 1-8, "text" line 9, blank 10, the fence line 11, the body from line 12.
        var ex = ParseFails(SampleLab.With("text\n\n```task\nid: a\ntitle: A\nchecks:\n  - resource: v1/Pod/a\n    expct: {}\n```\n"));
        Assert.Equal("labs/sample/lab.md:16:5: unknown resource check field 'expct'; allowed fields: resource, absent, expect, jsonpath, condition, endpoints, timeout, equals, contains, matches, exists, gt, gte, lt, lte, in, every, any, points, description, why", ex.Message);
        Assert.Equal(16, ex.Line);
        Assert.Equal(5, ex.Column);
    }

    [Fact]
    public void A_task_block_with_broken_yaml_reports_the_position_in_the_file()
    {
        var ex = ParseFails(SampleLab.With("```task\nid: a\ntitle: \"unterminated\nchecks: []\n```\n"));
        Assert.StartsWith("labs/sample/lab.md:", ex.Message, StringComparison.Ordinal);
        Assert.InRange(ex.Line, 10, 13);
    }

    [Fact]
    public void A_flow_list_left_open_is_reported_instead_of_crashing()
    {
        var ex = ParseFails("---\nid: sample\ntitle: [unclosed\nsummary: x\n---\n");
        Assert.Equal("labs/sample/lab.md:4:1: invalid YAML: the text ends inside an unclosed [ ], { } or quote", ex.Message);
    }

    [Fact]
    public void A_duplicate_front_matter_key_is_reported()
    {
        var ex = ParseFails(SampleLab.FrontMatter.Replace("tags:", "title: again\ntags:", StringComparison.Ordinal));
        Assert.StartsWith("labs/sample/lab.md:7:1:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_front_matter_key_names_the_key_and_the_allowed_ones()
    {
        var ex = ParseFails(SampleLab.FrontMatter.Replace("title:", "titel:", StringComparison.Ordinal));
        Assert.Equal("labs/sample/lab.md:3:1: unknown front-matter key 'titel'; allowed keys: id, title, summary, difficulty, duration, tags, kind, exam, budget, tools, expiry, clusterViews", ex.Message);
    }

    [Fact]
    public void A_missing_id_is_reported()
    {
        var ex = ParseFails(SampleLab.FrontMatter.Replace("id: sample\n", "", StringComparison.Ordinal));
        Assert.Contains("front-matter has no 'id'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_id_that_differs_from_the_folder_name_is_reported_at_the_id()
    {
        var ex = ParseFails(SampleLab.FrontMatter.Replace("id: sample", "id: other", StringComparison.Ordinal));
        Assert.Equal("labs/sample/lab.md:2:5: id 'other' does not match the folder name 'sample'; rename one of them", ex.Message);
    }

    [Fact]
    public void A_bad_difficulty_lists_the_allowed_values()
    {
        var ex = ParseFails(SampleLab.FrontMatter.Replace("beginner", "easy", StringComparison.Ordinal));
        Assert.Equal("labs/sample/lab.md:5:13: difficulty 'easy' is not one of: beginner, intermediate, advanced", ex.Message);
    }

    [Theory]
    [InlineData("20 min")]
    [InlineData("0m")]
    [InlineData("1d")]
    [InlineData("20")]
    public void A_bad_duration_is_reported(string duration)
    {
        var ex = ParseFails(SampleLab.FrontMatter.Replace("15m", duration, StringComparison.Ordinal));
        Assert.Equal($"labs/sample/lab.md:6:11: duration '{duration}' is not a duration like 20m, 2h or 1h30m", ex.Message);
    }

    [Fact]
    public void Duplicate_task_ids_are_reported_with_the_first_use()
    {
        var ex = ParseFails(SampleLab.With(SampleLab.Task + SampleLab.Task));
        Assert.Equal("labs/sample/lab.md:18:5: duplicate task id 'web-deployment' (first used on line 10)", ex.Message);
    }

    [Fact]
    public void A_task_without_checks_is_reported()
    {
        var ex = ParseFails(SampleLab.With("```task\nid: a\ntitle: A\n```\n"));
        Assert.Equal("labs/sample/lab.md:10:1: task 'a' has no checks; add at least one under 'checks:' (e.g. - resource: apps/v1/Deployment/web)", ex.Message);
    }

    [Fact]
    public void A_malformed_resource_reference_shows_the_expected_shape()
    {
        var ex = ParseFails(SampleLab.With("```task\nid: a\ntitle: A\nchecks:\n  - resource: deployment/web\n```\n"));
        Assert.Equal("labs/sample/lab.md:13:15: resource 'deployment/web' must be apiVersion/Kind/name, e.g. apps/v1/Deployment/web or v1/ConfigMap/settings", ex.Message);
    }

    [Fact]
    public void Absent_and_expect_together_are_rejected()
    {
        var ex = ParseFails(SampleLab.With("```task\nid: a\ntitle: A\nchecks:\n  - resource: v1/Pod/a\n    absent: true\n    expect: {}\n```\n"));
        Assert.Equal("labs/sample/lab.md:15:13: a resource check takes one of absent, expect, jsonpath or condition; this one has absent and expect: split it into 2 checks", ex.Message);
    }

    [Fact]
    public void A_file_without_front_matter_is_rejected()
    {
        var ex = ParseFails("# Just markdown\n");
        Assert.Equal("labs/sample/lab.md:1:1: expected YAML front matter: the first line must be '---'", ex.Message);
    }

    [Fact]
    public void A_folder_without_lab_md_is_reported()
    {
        using var temp = new TempLabs();
        var dir = Path.Combine(temp.LabsDirectory, "empty");
        Directory.CreateDirectory(dir);

        var ex = Assert.Throws<LabFormatException>(() => new LabLoader().Load(dir));
        Assert.Equal("labs/empty/lab.md: file not found; every lab folder needs a lab.md", ex.Message);
    }

    [Fact]
    public void Windows_line_endings_give_the_same_positions()
    {
        var ex = ParseFails(SampleLab.FrontMatter.Replace("id: sample", "id: other", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal));
        Assert.StartsWith("labs/sample/lab.md:2:5:", ex.Message, StringComparison.Ordinal);
    }

    private static LabLoader.ParsedLab ParseResult(string text) => LabLoader.Parse(text, "labs/sample/lab.md", "sample");

    private static Lab Parse(string text)
    {
        using var temp = new TempLabs();
        return new LabLoader().Load(temp.Write("sample", text));
    }

    private static LabFormatException ParseFails(string text) => Assert.Throws<LabFormatException>(() => ParseResult(text));
}
