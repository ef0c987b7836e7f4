namespace Labs.Cli.Tests;

public sealed class ValidateAndNewTests
{
    private const string FrontMatter = "---\nid: ID\ntitle: T\nsummary: S.\ndifficulty: beginner\nduration: 5m\n---\n";

    [Fact]
    public async Task Validate_prints_every_problem_of_every_lab_with_its_position()
    {
        using var temp = new TempLabs()
            .Write("one", ("lab.md", FrontMatter.Replace("ID", "one", StringComparison.Ordinal).Replace("beginner", "easy", StringComparison.Ordinal)
                + "```task\nid: a\ntitle: A\nchecks: [{resource: v1/Pod/a, jsonpath: '.[', exists: true}]\n```\n"))
            .Write("two", ("lab.md", FrontMatter.Replace("ID", "two", StringComparison.Ordinal) + "```task\nid: b\ntitle: B\nchecks: [{count: v1/Pod}]\n```\n"), ("solution/solve.sh", "true\n"))
            .Write("_draft", ("lab.md", "not a lab"));

        var (code, output, errors) = await Cli.RunAsync("validate", temp.LabsDirectory);

        Assert.Equal(ExitCodes.LabsFailed, code);
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("labs/one/lab.md:5:13: difficulty 'easy'", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("labs/one/lab.md:11:", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("labs/two/lab.md:11:", lines[2], StringComparison.Ordinal);
        Assert.Contains("3 problem(s) in 2 file(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_requires_a_reference_solution_for_a_lab_with_tasks()
    {
        using var temp = new TempLabs().Write("one", ("lab.md", FrontMatter.Replace("ID", "one", StringComparison.Ordinal) + "```task\nid: a\ntitle: A\nchecks: [{resource: v1/Pod/a}]\n```\n"));

        var (code, _, errors) = await Cli.RunAsync("validate", temp.LabsDirectory);

        Assert.Equal(ExitCodes.LabsFailed, code);
        Assert.Contains("labs/one/lab.md: the lab has tasks but no reference solution", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_with_kinds_names_a_kind_the_cluster_does_not_serve()
    {
        using var temp = new TempLabs()
            .Write("one", ("lab.md", FrontMatter.Replace("ID", "one", StringComparison.Ordinal) + "```task\nid: a\ntitle: A\nchecks:\n  - resource: v1/ConfigMap/a\n  - resource: example.com/v1/Widget/w\n```\n"), ("solution/solve.sh", "true\n"))
            .Write("two", ("lab.md", FrontMatter.Replace("ID", "two", StringComparison.Ordinal)), ("setup/gadget.yaml", "apiVersion: v1\nkind: Gadget\nmetadata: {name: g}\n"));

        var (code, _, errors) = await Cli.RunAsync("validate", temp.LabsDirectory, "--kinds");

        Assert.Equal(ExitCodes.LabsFailed, code);
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("labs/one/lab.md:13:1: ", lines[0], StringComparison.Ordinal);
        Assert.Contains("example.com/v1", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("labs/two/setup/gadget.yaml:1:1: ", lines[1], StringComparison.Ordinal);
        Assert.Contains("Gadget", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_repository_labs_are_valid()
    {
        var (code, output, errors) = await Cli.RunAsync("validate", Repo.LabsDirectory);

        Assert.True(code == ExitCodes.Ok, errors);
        Assert.Contains("lab(s) valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_scaffolds_a_lab_that_validates()
    {
        using var temp = new TempLabs();

        var (code, output, _) = await Cli.RunAsync("new", "services-101", "--dir", temp.LabsDirectory);
        var validated = await Cli.RunAsync("validate", temp.LabsDirectory);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("labs test --lab services-101", output, StringComparison.Ordinal);
        Assert.True(validated.ExitCode == ExitCodes.Ok, validated.Errors);
        Assert.Contains("title: Services 101", await File.ReadAllTextAsync(Path.Combine(temp.LabsDirectory, "services-101", "lab.md"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Services")]
    [InlineData("a_b")]
    [InlineData("-x")]
    public async Task New_refuses_an_invalid_id(string id)
    {
        using var temp = new TempLabs();

        var (code, _, errors) = await Cli.RunAsync("new", id, "--dir", temp.LabsDirectory);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains($"lab id '{id}' must be lowercase letters, digits and dashes", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_does_not_overwrite_a_lab()
    {
        using var temp = new TempLabs().Write("taken", ("lab.md", "mine"));

        var (code, _, errors) = await Cli.RunAsync("new", "taken", "--dir", temp.LabsDirectory);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("already exists", errors, StringComparison.Ordinal);
        Assert.Equal("mine", await File.ReadAllTextAsync(Path.Combine(temp.LabsDirectory, "taken", "lab.md"), TestContext.Current.CancellationToken));
    }
}
