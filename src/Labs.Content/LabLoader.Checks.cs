using System.Text.RegularExpressions;
using Labs.Content.Checks;
using Labs.Content.Paths;
using Labs.Content.Yaml;
using YamlDotNet.RepresentationModel;

namespace Labs.Content;

public sealed partial class LabLoader
{
    /// <summary>The key that says what kind of check a list item is, with the keys each kind allows besides it.</summary>
    internal static readonly IReadOnlyDictionary<string, string[]> CheckKinds = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["resource"] = ["absent", "expect", "jsonpath", "condition", "endpoints", "timeout", .. AssertionKeys],
        ["count"] = ["labels", "fields", .. AssertionKeys],
        ["file"] = ["normalize", .. AssertionKeys],
        ["command"] = ["as", "exitCode", "timeout", .. AssertionKeys],
        ["access"] = ["allowed"],
        ["http"] = ["from", "status", "timeout", .. AssertionKeys],
    };

    internal static readonly string[] CommonCheckKeys = ["points", "description", "why"];
    private static readonly string[] ResourceModes = ["absent", "expect", "jsonpath", "condition"];

    private static Check ReadCheck(YamlBlock block, YamlNode node)
    {
        if (node is not YamlMappingNode mapping)
            throw block.Error(node, $"a check must be a mapping that starts with one of: {string.Join(", ", CheckKinds.Keys)}");
        var kinds = mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").Where(CheckKinds.ContainsKey).ToList();
        if (kinds.Count != 1)
        {
            var message = kinds.Count == 0
                ? $"a check needs one of: {string.Join(", ", CheckKinds.Keys)} (e.g. - resource: apps/v1/Deployment/web)"
                : $"a check has exactly one of {string.Join(", ", CheckKinds.Keys)}; this one has {string.Join(" and ", kinds)}: split it into {kinds.Count} checks";
            throw block.Error(node, message);
        }
        var kind = kinds[0];
        var map = new YamlMappingReader(block, node, $"{kind} check", [kind, .. CheckKinds[kind], .. CommonCheckKeys], keyNoun: "field");
        var line = (int)node.Start.Line + block.FirstLine - 1;
        Check check = kind switch
        {
            "resource" => ReadResourceCheck(block, map, line),
            "count" => ReadCountCheck(block, map, line),
            "file" => ReadFileCheck(block, map, line),
            "command" => ReadCommandCheck(block, map, line),
            "access" => ReadAccessCheck(block, map, line),
            _ => ReadReachCheck(block, map, line),
        };
        return check with
        {
            Points = map.OptionalInt("points", 1, 0, 1000),
            Description = map.OptionalString("description"),
            Why = map.OptionalString("why"),
            File = block.Path,
        };
    }

    private static Check ReadResourceCheck(YamlBlock block, YamlMappingReader map, int line)
    {
        var target = ReadObjectRef(block, map, "resource");
        var modes = ResourceModes.Where(map.Has).ToList();
        if (modes.Count > 1)
            throw block.Error(map.Value(modes[1])!, $"a resource check takes one of absent, expect, jsonpath or condition; this one has {string.Join(" and ", modes)}: split it into {modes.Count} checks");
        var mode = modes.FirstOrDefault();
        RejectUnless(block, map, mode == "condition", "endpoints", "timeout");
        RejectUnless(block, map, mode == "jsonpath", [.. AssertionKeys]);
        switch (mode)
        {
            case "jsonpath":
                return new JsonPathCheck { Target = target, Path = ReadJsonPath(block, map), Assertion = ReadAssertion(block, map, AssertionKeys, "jsonpath"), Line = line };
            case "condition":
                return ReadConditionCheck(block, map, target, line);
            case "expect":
                var expectNode = map.Value("expect")!;
                if (expectNode is not YamlMappingNode)
                    throw block.Error(expectNode, "'expect' must be a partial object, e.g. expect: {spec: {replicas: 2}}");
                return new ResourceCheck { Target = target, Expect = (System.Text.Json.Nodes.JsonObject)YamlJson.ToJson(block, expectNode)!, Line = line };
            default:
                var absent = map.OptionalBool("absent", false);
                return new ResourceCheck { Target = target, Absent = absent, Line = line };
        }
    }

    private static ConditionCheck ReadConditionCheck(YamlBlock block, YamlMappingReader map, ObjectRef target, int line)
    {
        var text = map.RequiredString("condition");
        var (condition, kinds) = text switch
        {
            "ready" => (WaitCondition.Ready, new[] { "Pod" }),
            "rolledOut" => (WaitCondition.RolledOut, ["Deployment", "StatefulSet", "DaemonSet"]),
            "complete" => (WaitCondition.Complete, ["Job"]),
            "endpoints" => (WaitCondition.Endpoints, ["Service"]),
            _ => throw block.Error(map.Value("condition")!, $"condition '{text}' is not one of: ready (Pod), rolledOut (Deployment, StatefulSet, DaemonSet), complete (Job), endpoints (Service)"),
        };
        if (!kinds.Contains(target.Kind, StringComparer.Ordinal))
            throw block.Error(map.Value("condition")!, $"condition '{text}' applies to {string.Join(", ", kinds)}, not to {target.Kind}");
        if (condition != WaitCondition.Endpoints && map.Has("endpoints"))
            throw block.Error(map.Value("endpoints")!, "'endpoints' goes only with 'condition: endpoints'");
        return new ConditionCheck
        {
            Target = target,
            Condition = condition,
            Endpoints = map.OptionalInt("endpoints", 1, 1, 10_000),
            Timeout = ReadTimeout(block, map, ConditionCheck.DefaultTimeout),
            Line = line,
        };
    }

    private static CountCheck ReadCountCheck(YamlBlock block, YamlMappingReader map, int line)
    {
        var text = map.RequiredString("count");
        var match = KindPattern().Match(text);
        if (!match.Success)
            throw block.Error(map.Value("count")!, $"count '{text}' must be apiVersion/Kind, e.g. v1/Pod or apps/v1/Deployment");
        return new CountCheck
        {
            ApiVersion = match.Groups["apiVersion"].Value,
            Kind = match.Groups["kind"].Value,
            Labels = map.OptionalString("labels"),
            Fields = map.OptionalString("fields"),
            Assertion = ReadAssertion(block, map, ["equals", "gt", "gte", "lt", "lte", "in"], "count", numeric: true),
            Line = line,
        };
    }

    private static FileCheck ReadFileCheck(YamlBlock block, YamlMappingReader map, int line)
    {
        var path = map.RequiredString("file");
        if (!path.StartsWith('/') && !path.StartsWith("~/", StringComparison.Ordinal))
            throw block.Error(map.Value("file")!, $"file '{path}' must be an absolute path or start with ~/ (the learner's home)");
        var normalize = map.OptionalString("normalize");
        if (normalize is not (null or "whitespace"))
            throw block.Error(map.Value("normalize")!, $"normalize '{normalize}' is not one of: whitespace");
        return new FileCheck
        {
            Path = path,
            NormalizeWhitespace = normalize is not null,
            Assertion = ReadAssertion(block, map, ["equals", "contains", "matches", "exists"], "file", defaultExists: true),
            Line = line,
        };
    }

    private static CommandCheck ReadCommandCheck(YamlBlock block, YamlMappingReader map, int line)
    {
        var runnerText = map.OptionalString("as") ?? "learner";
        var runner = runnerText switch
        {
            "learner" => CommandRunner.Toolbox,
            "grader" => CommandRunner.Grader,
            _ => throw block.Error(map.Value("as")!, $"as '{runnerText}' is not one of: learner, grader"),
        };
        var output = AssertionKeys.Any(map.Has) ? ReadAssertion(block, map, ["equals", "contains", "matches"], "command output") : null;
        return new CommandCheck
        {
            Command = map.RequiredString("command"),
            Runner = runner,
            ExitCode = map.Has("exitCode") || output is null ? map.OptionalInt("exitCode", 0, 0, 255) : null,
            Output = output,
            Timeout = ReadTimeout(block, map, CommandCheck.DefaultTimeout),
            Line = line,
        };
    }

    private static ReachCheck ReadReachCheck(YamlBlock block, YamlMappingReader map, int line)
    {
        var url = map.RequiredString("http");
        if (!Uri.TryCreate(url.Replace("$NAMESPACE", "ns", StringComparison.Ordinal), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw block.Error(map.Value("http")!, $"http '{url}' must be an absolute http:// or https:// URL, e.g. http://web.$NAMESPACE.svc/");
        var from = map.OptionalString("from") ?? "toolbox";
        string? pod = null;
        if (from != "toolbox")
        {
            if (!from.StartsWith("pod/", StringComparison.Ordinal) || !IsName(from[4..]))
                throw block.Error(map.Value("from")!, $"from '{from}' must be toolbox or pod/NAME (a pod of the learner's namespace)");
            pod = from[4..];
        }
        return new ReachCheck
        {
            Url = url,
            FromPod = pod,
            Status = map.Has("status") ? map.OptionalInt("status", 200, 100, 599) : null,
            Body = AssertionKeys.Any(map.Has) ? ReadAssertion(block, map, ["equals", "contains", "matches"], "http response body") : null,
            Timeout = ReadTimeout(block, map, ReachCheck.DefaultTimeout),
            Line = line,
        };
    }

    private static ObjectRef ReadObjectRef(YamlBlock block, YamlMappingReader map, string key)
    {
        var resource = map.RequiredString(key);
        var match = ResourcePattern().Match(resource);
        if (!match.Success)
            throw block.Error(map.Value(key)!, $"{key} '{resource}' must be apiVersion/Kind/name, e.g. apps/v1/Deployment/web or v1/ConfigMap/settings");
        return new ObjectRef(match.Groups["apiVersion"].Value, match.Groups["kind"].Value, match.Groups["name"].Value);
    }

    private static JsonPathExpression ReadJsonPath(YamlBlock block, YamlMappingReader map)
    {
        var node = map.Value("jsonpath")!;
        var text = map.RequiredString("jsonpath");
        try
        {
            return JsonPathExpression.Parse(text);
        }
        catch (JsonPathException ex)
        {
            // Point at the character in lab.md when the scalar is written plainly on one line.
            var column = node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } ? ex.Column - 1 : ex.Column;
            throw block.Error(new YamlDotNet.Core.Mark(node.Start.Index, node.Start.Line, node.Start.Column + column), ex.Message);
        }
    }

    private static TimeSpan ReadTimeout(YamlBlock block, YamlMappingReader map, TimeSpan defaultValue)
    {
        if (map.OptionalString("timeout") is not { } text)
            return defaultValue;
        var match = TimeoutPattern().Match(text);
        if (!match.Success)
            throw block.Error(map.Value("timeout")!, $"timeout '{text}' is not a duration like 500ms, 10s or 2m");
        var value = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var timeout = match.Groups[2].Value switch { "ms" => TimeSpan.FromMilliseconds(value), "s" => TimeSpan.FromSeconds(value), _ => TimeSpan.FromMinutes(value) };
        if (timeout > TimeSpan.FromMinutes(10))
            throw block.Error(map.Value("timeout")!, $"timeout '{text}' is longer than the 10m a check may wait");
        return timeout;
    }

    private static void RejectUnless(YamlBlock block, YamlMappingReader map, bool allowed, params string[] keys)
    {
        if (allowed)
            return;
        foreach (var key in keys.Where(map.Has))
            throw block.Error(map.Value(key)!, $"'{key}' does not go with this check; see the check reference in docs/authoring.md");
    }

    [GeneratedRegex(@"^(?<apiVersion>(?:[a-z0-9.-]+/)?v[0-9]+(?:(?:alpha|beta)[0-9]+)?)/(?<kind>[A-Z][A-Za-z0-9]*)$")]
    private static partial Regex KindPattern();

    [GeneratedRegex(@"^(?<apiVersion>(?:[a-z0-9.-]+/)?v[0-9]+(?:(?:alpha|beta)[0-9]+)?)/(?<kind>[A-Z][A-Za-z0-9]*)/(?<name>[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?)$")]
    private static partial Regex ResourcePattern();

    [GeneratedRegex(@"^(\d{1,6})(ms|s|m)$")]
    private static partial Regex TimeoutPattern();
}
