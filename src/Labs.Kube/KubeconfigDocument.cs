using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Labs.Kube;

/// <summary>
/// A parsed kubeconfig YAML with typed accessors that report the file, line and column of anything wrong.
/// </summary>
internal sealed class KubeconfigDocument
{
    private KubeconfigDocument(YamlMappingNode root, string? filePath)
    {
        Root = root;
        FilePath = filePath;
    }

    public YamlMappingNode Root { get; }

    public string? FilePath { get; }

    /// <summary>How error messages name the document.</summary>
    public string Where => FilePath is null ? "kubeconfig YAML" : $"kubeconfig '{FilePath}'";

    /// <exception cref="KubeConfigException">The YAML is invalid or its top level is not a mapping.</exception>
    public static KubeconfigDocument Parse(string yaml, string? filePath)
    {
        var where = filePath is null ? "kubeconfig YAML" : $"kubeconfig '{filePath}'";
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            var line = (int)e.Start.Line;
            var column = (int)e.Start.Column;
            throw new KubeConfigException($"{where} is not valid YAML at line {line}, column {column}: {StripMark(e.Message)}", filePath, line, column, e);
        }

        if (stream.Documents.Count == 0)
        {
            throw new KubeConfigException($"{where} is empty.", filePath);
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var node = stream.Documents[0].RootNode;
            throw new KubeConfigException($"{where} line {node.Start.Line}, column {node.Start.Column}: expected a mapping with clusters, users and contexts.", filePath, (int)node.Start.Line, (int)node.Start.Column);
        }

        return new KubeconfigDocument(root, filePath);
    }

    public KubeConfigException Error(YamlNode? node, string message)
    {
        if (node is null)
        {
            return new KubeConfigException($"{Where}: {message}", FilePath);
        }

        var line = (int)node.Start.Line;
        var column = (int)node.Start.Column;
        return new KubeConfigException($"{Where} line {line}, column {column}: {message}", FilePath, line, column);
    }

    public static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public string? Scalar(YamlMappingNode map, string key)
    {
        var node = Child(map, key);
        return node switch
        {
            null => null,
            YamlScalarNode scalar => string.IsNullOrEmpty(scalar.Value) || scalar.Value == "~" || scalar.Value == "null" ? null : scalar.Value,
            _ => throw Error(node, $"'{key}' must be a single value."),
        };
    }

    public bool Boolean(YamlMappingNode map, string key)
    {
        var value = Scalar(map, key);
        if (value is null)
        {
            return false;
        }

        return bool.TryParse(value, out var result)
            ? result
            : throw Error(Child(map, key), $"'{key}' must be true or false, not '{value}'.");
    }

    public YamlMappingNode? Mapping(YamlMappingNode map, string key)
    {
        var node = Child(map, key);
        return node switch
        {
            null => null,
            YamlMappingNode mapping => mapping,
            YamlScalarNode { Value: null or "" or "~" or "null" } => null,
            _ => throw Error(node, $"'{key}' must be a mapping."),
        };
    }

    /// <summary>Finds the entry <c>{name: NAME, KEY: {...}}</c> of a named list such as <c>clusters</c>.</summary>
    public YamlMappingNode? FindNamed(string listKey, string itemKey, string name, out List<string> knownNames)
    {
        knownNames = [];
        var list = Child(Root, listKey);
        if (list is null || list is YamlScalarNode { Value: null or "" or "~" or "null" })
        {
            return null;
        }

        if (list is not YamlSequenceNode sequence)
        {
            throw Error(list, $"'{listKey}' must be a list.");
        }

        foreach (var item in sequence.Children)
        {
            if (item is not YamlMappingNode entry)
            {
                throw Error(item, $"each entry of '{listKey}' must be a mapping with 'name' and '{itemKey}'.");
            }

            var entryName = Scalar(entry, "name") ?? throw Error(entry, $"an entry of '{listKey}' has no 'name'.");
            knownNames.Add(entryName);
            if (entryName == name)
            {
                return Mapping(entry, itemKey) ?? throw Error(entry, $"'{listKey}' entry '{name}' has no '{itemKey}' mapping.");
            }
        }

        return null;
    }

    private static string StripMark(string message)
    {
        // YamlDotNet prefixes "(Line: 1, Col: 2, Idx: 3) - (Line: ...): "; the position is already in our message.
        var index = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && index >= 0 ? message[(index + 3)..] : message;
    }
}
