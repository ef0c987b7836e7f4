using System.Xml.Linq;

namespace Labs.Cli.Tests;

/// <summary><c>labs test</c> against a fresh embedded cluster: one run over labs that work and labs that do not.</summary>
public sealed class LabTestCommandTests
{
    private const string FrontMatter = "---\nid: ID\ntitle: T\nsummary: S.\ndifficulty: beginner\nduration: 5m\n---\n";

    [Fact]
    public async Task Test_passes_working_labs_and_names_what_is_wrong_with_the_others()
    {
        using var temp = new TempLabs()
            // Already solved by its setup: the learner gets the task for nothing.
            .Write("free", ("lab.md", Lab("free", "- resource: v1/ConfigMap/given")), ("setup/given.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: given}\n"), ("solution/solve.sh", "true\n"))
            // The solution does not do what the check wants.
            .Write("wrong", ("lab.md", Lab("wrong", "- resource: v1/ConfigMap/settings\n    jsonpath: .data.mode\n    equals: fast")), ("solution/solve.sh", "kubectl create configmap settings --from-literal=mode=slow\n"))
            // A solution as manifests, and a file written by the script, read back from the toolbox.
            .Write("good", ("lab.md", Lab("good", "- resource: v1/ConfigMap/settings\n  - file: ~/answer.txt\n    equals: hello\n  - command: kubectl get configmap settings && test -n \"$NAMESPACE\"\n    as: grader")),
                ("solution/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n"), ("solution/solve.sh", "echo hello > ~/answer.txt\n"));
        var junit = Path.Combine(temp.Root, "junit.xml");
        Assert.Equal(ExitCodes.Ok, (await Cli.RunAsync("new", "scaffolded", "--dir", temp.LabsDirectory)).ExitCode);

        var (code, output, errors) = await Cli.RunAsync("test", temp.LabsDirectory, "--junit", junit);

        Assert.Equal(ExitCodes.LabsFailed, code);
        Assert.Contains("free: before: task t already passes before the solution runs", errors, StringComparison.Ordinal);
        Assert.Contains("wrong: after: task t: check 1 fails after the solution (labs/wrong/lab.md:", errors, StringComparison.Ordinal);
        Assert.Contains("ConfigMap settings: expected .data.mode to be \"fast\", found \"slow\"", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("good:", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("scaffolded:", errors, StringComparison.Ordinal);
        Assert.Contains("2 of 4 lab(s) failed", output, StringComparison.Ordinal);
        var cases = XDocument.Load(junit).Descendants("testcase").ToDictionary(c => (string)c.Attribute("name")!);
        Assert.Equal(["free", "good", "scaffolded", "wrong"], cases.Keys.Order(StringComparer.Ordinal));
        Assert.Null(cases["good"].Element("failure"));
        Assert.Null(cases["scaffolded"].Element("failure"));
        Assert.NotNull(cases["wrong"].Element("failure"));
    }

    [Fact]
    public async Task Test_of_one_lab_that_does_not_exist_says_so()
    {
        using var temp = new TempLabs();

        var (code, _, errors) = await Cli.RunAsync("test", temp.LabsDirectory, "--lab", "nope");

        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains("there is no lab 'nope'", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_with_a_missing_kubeconfig_reports_the_cluster_as_unavailable()
    {
        using var temp = new TempLabs().Write("one", ("lab.md", Lab("one", "- resource: v1/ConfigMap/a")), ("solution/solve.sh", "true\n"));

        var (code, _, errors) = await Cli.RunAsync("test", temp.LabsDirectory, "--kubeconfig", Path.Combine(temp.Root, "missing.kubeconfig"));

        Assert.Equal(ExitCodes.ClusterUnavailable, code);
        Assert.Contains("error: the cluster could not be used:", errors, StringComparison.Ordinal);
    }

    private static string Lab(string id, string checks) =>
        FrontMatter.Replace("ID", id, StringComparison.Ordinal) + $"```task\nid: t\ntitle: T\nchecks:\n  {checks}\n```\n";
}
