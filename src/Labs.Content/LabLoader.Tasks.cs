using Labs.Content.Checks;
using Labs.Content.Rendering;
using Labs.Content.Yaml;
using Markdig.Syntax;
using YamlDotNet.RepresentationModel;

namespace Labs.Content;

public sealed partial class LabLoader
{
    internal static readonly string[] TaskKeys = ["id", "title", "checks", "hints", "explanation", "solution"];
    internal static readonly string[] StepKeys = ["id", "title", "gated"];

    /// <summary>Reads every task and step; a malformed one is reported and the others are still read.</summary>
    private static (List<LabTask> Tasks, List<LabStep> Steps) ReadBlocks(MarkdownDocument document, string displayPath, LabProblems problems)
    {
        var tasks = new List<LabTask>();
        var steps = new List<LabStep>();
        var firstLineOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstLineOfStep = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var block in document.Descendants())
        {
            switch (block)
            {
                case StepBlock stepBlock:
                    problems.Try(() =>
                    {
                        var step = ReadStep(displayPath, stepBlock, firstLineOfStep);
                        stepBlock.Step = step;
                        steps.Add(step);
                    });
                    break;
                case TaskBlock taskBlock:
                    problems.Try(() =>
                    {
                        // Markdig lines are 0-based and the body starts on the line after the opening fence.
                        var yaml = new YamlBlock(displayPath, firstLine: taskBlock.Line + 2, columnOffset: taskBlock.FenceColumn);
                        var stepId = (taskBlock.Parent as StepBlock)?.Step?.Id;
                        var task = ReadTask(yaml, taskBlock.Yaml, firstLineOfId) with { StepId = stepId, Line = taskBlock.Line + 1 };
                        taskBlock.Task = task;
                        tasks.Add(task);
                    });
                    break;
            }
        }
        return (tasks, [.. steps.Select(s => s with { TaskIds = [.. tasks.Where(t => t.StepId == s.Id).Select(t => t.Id)] })]);
    }

    private static LabStep ReadStep(string displayPath, StepBlock block, Dictionary<string, int> firstLineOfStep)
    {
        var yaml = new YamlBlock(displayPath, firstLine: block.Line + 2, columnOffset: block.FenceColumn);
        if (!block.TopLevel)
            throw new LabFormatException(displayPath, block.Line + 1, block.Column + 1, "a ```step block must be at the top level of the lesson, not inside a list or quote");
        var root = yaml.Parse(block.Yaml)
            ?? throw new LabFormatException(displayPath, block.Line + 1, block.Column + 1, "the step block is empty; it needs id and title");
        var map = new YamlMappingReader(yaml, root, "step", StepKeys);
        var id = map.RequiredString("id");
        if (!IsName(id))
            throw yaml.Error(map.Value("id")!, $"step id '{id}' must be lowercase letters, digits and dashes, e.g. create-the-deployment");
        var line = (int)map.Value("id")!.Start.Line + yaml.FirstLine - 1;
        if (!firstLineOfStep.TryAdd(id, line))
            throw yaml.Error(map.Value("id")!, $"duplicate step id '{id}' (first used on line {firstLineOfStep[id]})");
        return new LabStep(id, map.RequiredString("title"), map.OptionalBool("gated", false), []);
    }

    private static LabTask ReadTask(YamlBlock block, string yaml, Dictionary<string, int> firstLineOfId)
    {
        var root = block.Parse(yaml)
            ?? throw new LabFormatException(block.Path, block.FirstLine - 1, 1, "the task block is empty; it needs id, title and checks");
        if (root is YamlMappingNode mapping && mapping.Children.Keys.OfType<YamlScalarNode>().FirstOrDefault(k => k.Value is "hint" or "weight") is { } old)
        {
            throw block.Error(old, old.Value == "hint"
                ? "'hint' is now 'hints', a list revealed one at a time: hints: [\"first hint\", \"second hint\"]"
                : "'weight' is gone: give each check 'points:' instead (default 1); a task is worth the sum of its checks' points");
        }
        var map = new YamlMappingReader(block, root, "task", TaskKeys);
        var id = map.RequiredString("id");
        var idNode = map.Value("id")!;
        if (!IsName(id))
            throw block.Error(idNode, $"task id '{id}' must be lowercase letters, digits and dashes, e.g. web-deployment");
        var idLine = (int)idNode.Start.Line + block.FirstLine - 1;
        if (!firstLineOfId.TryAdd(id, idLine))
            throw block.Error(idNode, $"duplicate task id '{id}' (first used on line {firstLineOfId[id]})");

        var title = map.RequiredString("title");
        if (map.Value("checks") is not YamlSequenceNode { Children.Count: > 0 } checkNodes)
        {
            var at = map.Value("checks") ?? map.Node;
            throw block.Error(at, $"task '{id}' has no checks; add at least one under 'checks:' (e.g. - resource: apps/v1/Deployment/web)");
        }
        var checks = checkNodes.Children.Select(c => ReadCheck(block, c)).ToList();
        if (checks.Sum(c => c.Points) == 0)
            throw block.Error(checkNodes, $"task '{id}' is worth 0 points; give at least one check points above 0");
        return new LabTask
        {
            Id = id,
            Title = title,
            Checks = checks,
            Hints = map.OptionalStringList("hints"),
            Explanation = map.OptionalString("explanation"),
            Solution = map.OptionalString("solution"),
        };
    }
}
