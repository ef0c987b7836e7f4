using System.Globalization;
using System.Text.RegularExpressions;
using Labs.Content.Yaml;

namespace Labs.Content;

public sealed partial class LabLoader
{
    internal static readonly string[] FrontMatterKeys = ["id", "title", "summary", "difficulty", "duration", "tags", "kind", "exam", "budget", "tools", "expiry", "clusterViews"];
    private static readonly string[] ExamKeys = ["timeLimit", "passMark"];
    private const int DefaultPassMark = 66;

    /// <summary>Cluster-scoped resources a lab may let its learners read (<c>clusterViews:</c>); never secrets or RBAC.</summary>
    internal static readonly string[] ClusterViewNames =
        ["nodes", "namespaces", "persistentvolumes", "storageclasses", "ingressclasses", "priorityclasses", "runtimeclasses", "csidrivers", "customresourcedefinitions"];

    private static FrontMatter ReadFrontMatter(string yaml, string displayPath, string expectedId)
    {
        // The front matter's first line is line 2 of lab.md, right after the opening '---'.
        var block = new YamlBlock(displayPath, firstLine: 2, columnOffset: 0);
        var root = block.Parse(yaml)
            ?? throw new LabFormatException(displayPath, 1, 1, $"the front matter is empty; it needs at least: id, title, summary, difficulty, duration");
        var map = new YamlMappingReader(block, root, "front-matter", FrontMatterKeys);

        var id = map.RequiredString("id");
        if (!IsName(id))
            throw block.Error(map.Value("id")!, $"id '{id}' must be lowercase letters, digits and dashes, e.g. deployments-101");
        if (!string.Equals(id, expectedId, StringComparison.Ordinal))
            throw block.Error(map.Value("id")!, $"id '{id}' does not match the folder name '{expectedId}'; rename one of them");

        var difficultyText = map.RequiredString("difficulty");
        LabDifficulty difficulty = difficultyText switch
        {
            "beginner" => LabDifficulty.Beginner,
            "intermediate" => LabDifficulty.Intermediate,
            "advanced" => LabDifficulty.Advanced,
            _ => throw block.Error(map.Value("difficulty")!, $"difficulty '{difficultyText}' is not one of: beginner, intermediate, advanced"),
        };

        var duration = ReadDuration(block, map, "duration");
        var kindText = map.OptionalString("kind") ?? "lesson";
        LabKind kind = kindText switch
        {
            "lesson" => LabKind.Lesson,
            "exam" => LabKind.Exam,
            _ => throw block.Error(map.Value("kind")!, $"kind '{kindText}' is not one of: lesson, exam"),
        };

        var budgetText = map.OptionalString("budget") ?? "small";
        LabBudget budget = budgetText switch
        {
            "small" => LabBudget.Small,
            "medium" => LabBudget.Medium,
            "large" => LabBudget.Large,
            _ => throw block.Error(map.Value("budget")!, $"budget '{budgetText}' is not one of: small, medium, large"),
        };

        ExamSettings? exam = null;
        if (map.Value("exam") is { } examNode)
        {
            if (kind != LabKind.Exam)
                throw block.Error(examNode, "'exam' settings are only allowed with 'kind: exam'");
            var examMap = new YamlMappingReader(block, examNode, "exam", ExamKeys);
            exam = new ExamSettings(
                examMap.Has("timeLimit") ? ReadDuration(block, examMap, "timeLimit") : duration,
                examMap.OptionalInt("passMark", DefaultPassMark, 1, 100));
        }
        else if (kind == LabKind.Exam)
        {
            exam = new ExamSettings(duration, DefaultPassMark);
        }

        var tools = map.OptionalStringList("tools");
        if (map.Value("tools") is YamlDotNet.RepresentationModel.YamlSequenceNode toolNodes)
        {
            foreach (var tool in toolNodes.Children.OfType<YamlDotNet.RepresentationModel.YamlScalarNode>())
            {
                if (!ToolPattern().IsMatch(tool.Value ?? ""))
                    throw block.Error(tool, $"tool '{tool.Value}' must be a command name such as kubectl, helm, jq or curl");
            }
        }

        var expiry = map.Has("expiry") ? ReadDuration(block, map, "expiry") : (TimeSpan?)null;
        var clusterViews = map.OptionalStringList("clusterViews");
        foreach (var view in clusterViews.Where(v => !ClusterViewNames.Contains(v, StringComparer.Ordinal)))
            throw block.Error(map.Value("clusterViews")!, $"clusterViews: '{view}' is not one of: {string.Join(", ", ClusterViewNames)}");

        return new FrontMatter(
            id,
            map.RequiredString("title"),
            map.RequiredString("summary"),
            difficulty,
            duration,
            map.OptionalStringList("tags"),
            kind,
            exam,
            budget,
            tools,
            expiry,
            clusterViews);
    }

    private static TimeSpan ReadDuration(YamlBlock block, YamlMappingReader map, string key)
    {
        var text = map.RequiredString(key);
        var match = DurationPattern().Match(text);
        if (match.Success && text.Length > 0)
        {
            var hours = match.Groups[1].Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            var minutes = match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
            var value = new TimeSpan(hours, minutes, 0);
            if (value > TimeSpan.Zero)
                return value;
        }
        throw block.Error(map.Value(key)!, $"{key} '{text}' is not a duration like 20m, 2h or 1h30m");
    }

    /// <summary>Whether a lab, step or task id is valid: DNS-label-like (lowercase letters, digits, dashes, at most 63), so it is safe in URLs, HTML attributes and namespace names.</summary>
    public static bool IsName(string value) => value.Length <= 63 && NamePattern().IsMatch(value);

    [GeneratedRegex(@"^(?:(\d{1,3})h)?(?:(\d{1,4})m)?$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._+-]{0,63}$")]
    private static partial Regex ToolPattern();

    [GeneratedRegex(@"^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex NamePattern();
}
