namespace Labs.Cli.Tests;

public sealed class ImportKillercodaTests
{
    private const string Index = """
        {
          "title": "ConfigMaps on \"Killercoda\"",
          "description": "Create and clean up ConfigMaps.\nSecond line.",
          "time": "10 minutes",
          "details": {
            "intro": {"text": "intro.md", "background": "background.sh"},
            "steps": [
              {"title": "Create it", "text": "step1/text.md", "verify": "step1/verify.sh"},
              {"title": "Clean up", "text": "step2/text.md", "verify": "step2/verify.sh"}
            ],
            "finish": {"text": "finish.md"}
          },
          "backend": {"imageid": "kubernetes-kubeadm-1node"}
        }
        """;

    [Fact]
    public async Task A_scenario_becomes_a_lab_whose_verify_scripts_grade_and_whose_exec_blocks_solve_it()
    {
        using var temp = new TempLabs();
        File.SetUnixFileMode(temp.Root, File.GetUnixFileMode(temp.Root) | UnixFileMode.OtherExecute);
        var scenario = Path.Combine(temp.Root, "ConfigMaps_Scenario");
        Write(scenario, ("index.json", Index), ("intro.md", "Welcome. Run `kubectl version`{{exec}} first."),
            ("background.sh", "kubectl create configmap old --from-literal=a=b\n"),
            ("step1/text.md", "Create it:\n\n```\nkubectl create configmap web --from-literal=x=y\n```{{exec}}\n\nThen copy this:\n\n```yaml\nkind: ConfigMap\n```{{copy}}\n"),
            ("step1/verify.sh", "#!/bin/bash\nkubectl get configmap web\n"),
            ("step2/text.md", "```\nkubectl delete configmap old\n```{{exec}}\n"),
            ("step2/verify.sh", "#!/bin/bash\n! kubectl get configmap old\n"),
            ("finish.md", "Done!"));

        var (code, _, errors) = await Cli.RunAsync("import", "killercoda", scenario, "--to", temp.LabsDirectory);
        var lab = await File.ReadAllTextAsync(Path.Combine(temp.LabsDirectory, "configmaps-scenario", "lab.md"), TestContext.Current.CancellationToken);
        var solve = await File.ReadAllTextAsync(Path.Combine(temp.LabsDirectory, "configmaps-scenario", "solution", "solve.sh"), TestContext.Current.CancellationToken);
        var tested = await Cli.RunAsync("test", temp.LabsDirectory);

        Assert.True(code == ExitCodes.Ok, errors);
        Assert.Contains("title: \"ConfigMaps on \\\"Killercoda\\\"\"", lab, StringComparison.Ordinal);
        Assert.Contains("summary: \"Create and clean up ConfigMaps.\"", lab, StringComparison.Ordinal);
        Assert.Contains("duration: 10m", lab, StringComparison.Ordinal);
        Assert.Contains("```bash run\nkubectl create configmap web --from-literal=x=y\n```", lab, StringComparison.Ordinal);
        Assert.Contains("```yaml copy\nkind: ConfigMap\n```", lab, StringComparison.Ordinal);
        Assert.Contains("Run `kubectl version` first.", lab, StringComparison.Ordinal);
        Assert.Contains("```step\nid: step-2\ntitle: \"Clean up\"\n```", lab, StringComparison.Ordinal);
        Assert.Contains("    as: grader", lab, StringComparison.Ordinal);
        Assert.Contains("kubectl create configmap web --from-literal=x=y\nkubectl delete configmap old\n", solve, StringComparison.Ordinal);
        Assert.True(tested.ExitCode == ExitCodes.Ok, tested.Errors + tested.Output);
    }

    [Fact]
    public async Task A_scenario_without_index_json_is_refused()
    {
        using var temp = new TempLabs();
        var scenario = Path.Combine(temp.Root, "empty");
        Directory.CreateDirectory(scenario);

        var (code, _, errors) = await Cli.RunAsync("import", "killercoda", scenario, "--to", temp.LabsDirectory);

        Assert.Equal(ExitCodes.LabsFailed, code);
        Assert.Contains("index.json: not found", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_index_json_is_reported_with_its_position()
    {
        using var temp = new TempLabs();
        var scenario = Path.Combine(temp.Root, "bad");
        Write(scenario, ("index.json", "{\n  \"title\": oops\n}"));

        var (code, _, errors) = await Cli.RunAsync("import", "killercoda", scenario, "--to", temp.LabsDirectory);

        Assert.Equal(ExitCodes.LabsFailed, code);
        Assert.Matches(@"index\.json:2:\d+: invalid JSON", errors);
    }

    private static void Write(string directory, params (string Path, string Text)[] files)
    {
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
    }
}
