using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Labs.Cli.Import;

/// <summary>
/// Turns a Killercoda scenario into a lab: the intro and each step's text become the lesson (one <c>```step</c> per
/// step), <c>```…```{{exec}}</c> blocks become <c>run</c> blocks and <c>{{copy}}</c> blocks <c>copy</c> blocks, each
/// verify script becomes a task with a command check run as the grader (as Killercoda runs it, with admin rights and the
/// learner's namespace as the default), background scripts become <c>setup/setup.sh</c>, and the commands of the
/// <c>{{exec}}</c> blocks, in order, become <c>solution/solve.sh</c>, for <c>labs test</c> to try.
/// </summary>
internal static partial class KillercodaConverter
{
    /// <summary>The files of the lab, by path relative to the lab folder.</summary>
    public static IReadOnlyDictionary<string, string> Convert(KillercodaScenario scenario, string id)
    {
        var lesson = new StringBuilder();
        var solution = new List<string>();
        lesson.Append(Text(scenario.Intro.Text, solution)).Append("\n\n");
        for (var i = 0; i < scenario.Steps.Count; i++)
        {
            var step = scenario.Steps[i];
            lesson.Append(CultureInfo.InvariantCulture, $"```step\nid: step-{i + 1}\ntitle: {Quote(step.Title)}\n```\n\n");
            lesson.Append(Text(step.Text, solution)).Append("\n\n");
            if (step.Verify is { } verify)
            {
                lesson.Append(CultureInfo.InvariantCulture, $"````task\nid: step-{i + 1}\ntitle: {Quote(step.Title)}\nchecks:\n  - command: |\n");
                foreach (var line in verify.TrimEnd().Split('\n'))
                    lesson.Append("      ").Append(line).Append('\n');
                lesson.Append(CultureInfo.InvariantCulture, $"    as: grader\n    description: {Quote($"the verify script of step {i + 1} passes")}\n````\n\n");
            }
        }
        if (scenario.FinishText is { } finish)
            lesson.Append(Text(finish, solution)).Append('\n');

        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["lab.md"] = FrontMatter(scenario, id) + lesson.ToString().TrimEnd() + "\n",
        };
        var background = string.Join("\n", new[] { scenario.Intro.Background }.Concat(scenario.Steps.Select(s => s.Background)).Where(b => b is not null));
        if (background.Length > 0)
            files["setup/setup.sh"] = "#!/bin/bash\n# From the scenario's background scripts. Killercoda runs them as root on the host; here they run in the\n# learner's toolbox with the learner's kubeconfig, before the learner gets the terminal.\n" + background + "\n";
        files["solution/solve.sh"] = "#!/bin/bash\n# The scenario's {{exec}} commands in order: check that they solve every step (labs test).\nset -eu\n" + string.Join("\n", solution) + "\n";
        return files;
    }

    private static string FrontMatter(KillercodaScenario scenario, string id)
    {
        var minutes = scenario.Time is { } time && Minutes().Match(time) is { Success: true } m ? m.Value : "15";
        var summary = scenario.Description.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? scenario.Title;
        return $"---\nid: {id}\ntitle: {Quote(scenario.Title)}\nsummary: {Quote(summary)}\ndifficulty: beginner\nduration: {minutes}m\ntags: [killercoda]\n---\n\n";
    }

    /// <summary>Rewrites Killercoda's action markers; commands of exec blocks are collected for the solution.</summary>
    private static string Text(string markdown, List<string> solution)
    {
        var text = FencedAction().Replace(markdown, match =>
        {
            var action = match.Groups["action"].Value == "exec" ? "run" : "copy";
            var language = match.Groups["lang"].Value is { Length: > 0 } lang ? lang : "bash";
            var body = match.Groups["body"].Value;
            if (action == "run")
                solution.Add(body.TrimEnd('\n'));
            return $"```{language} {action}\n{body}```";
        });
        // Inline `cmd`{{exec}} and `text`{{copy}}: plain inline code here.
        return InlineAction().Replace(text, "`${code}`").Trim();
    }

    /// <summary>A YAML double-quoted scalar.</summary>
    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex(@"```(?<lang>[A-Za-z0-9_+-]*)[^\n]*\n(?<body>.*?)```\s*\{\{(?<action>exec|copy)(?:\s+[^}]*)?\}\}", RegexOptions.Singleline)]
    private static partial Regex FencedAction();

    [GeneratedRegex(@"`(?<code>[^`\n]+)`\{\{(?:exec|copy)(?:\s+[^}]*)?\}\}")]
    private static partial Regex InlineAction();

    [GeneratedRegex(@"\d{1,3}")]
    private static partial Regex Minutes();
}
