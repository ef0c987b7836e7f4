using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Labs.Content.Rendering;
using Labs.Content.Yaml;
using Markdig.Syntax;
using YamlDotNet.RepresentationModel;

namespace Labs.Content;

public sealed partial class LabLoader
{
    internal static readonly string[] TaskKeys = ["id", "title", "checks", "hint", "weight"];
    internal static readonly string[] CheckKeys = ["resource", "expect", "absent"];

    private static List<LabTask> ReadTasks(MarkdownDocument document, string displayPath)
    {
        var tasks = new List<LabTask>();
        var firstLineOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var fence in document.Descendants<FencedCodeBlock>())
        {
            if (!LessonRenderer.IsTaskBlock(fence))
                continue;
            // Markdig lines are 0-based and the body starts on the line after the opening fence.
            var block = new YamlBlock(displayPath, firstLine: fence.Line + 2, columnOffset: fence.Column);
            var task = ReadTask(block, fence.Lines.ToString(), firstLineOfId);
            fence.SetData(LessonRenderer.TaskDataKey, task);
            tasks.Add(task);
        }
        return tasks;
    }

    private static LabTask ReadTask(YamlBlock block, string yaml, Dictionary<string, int> firstLineOfId)
    {
        var root = block.Parse(yaml)
            ?? throw new LabFormatException(block.Path, block.FirstLine - 1, 1, "the task block is empty; it needs id, title and checks");
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
        return new LabTask(id, title, checks, map.OptionalString("hint"), map.OptionalInt("weight", 1, 1, 1000));
    }

    private static Check ReadCheck(YamlBlock block, YamlNode node)
    {
        var map = new YamlMappingReader(block, node, "check", CheckKeys, keyNoun: "field");
        var resource = map.RequiredString("resource");
        var match = ResourcePattern().Match(resource);
        if (!match.Success)
            throw block.Error(map.Value("resource")!, $"resource '{resource}' must be apiVersion/Kind/name, e.g. apps/v1/Deployment/web or v1/ConfigMap/settings");
        var apiVersion = match.Groups["group"].Success ? $"{match.Groups["group"].Value}/{match.Groups["version"].Value}" : match.Groups["version"].Value;

        var absent = map.OptionalBool("absent", false);
        JsonObject? expect = null;
        if (map.Value("expect") is { } expectNode)
        {
            if (absent)
                throw block.Error(expectNode, "a check cannot have both 'absent: true' and 'expect'; split it into two checks");
            if (expectNode is not YamlMappingNode)
                throw block.Error(expectNode, "'expect' must be a partial object, e.g. expect: {spec: {replicas: 2}}");
            expect = (JsonObject)YamlJson.ToJson(block, expectNode)!;
        }
        var line = (int)node.Start.Line + block.FirstLine - 1;
        return new Check(resource, apiVersion, match.Groups["kind"].Value, match.Groups["name"].Value, expect, absent, line, block.Path);
    }

    [GeneratedRegex(@"^(?:(?<group>[a-z0-9.-]+)/)?(?<version>v[0-9]+(?:(?:alpha|beta)[0-9]+)?)/(?<kind>[A-Z][A-Za-z0-9]*)/(?<name>[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?)$")]
    private static partial Regex ResourcePattern();
}
