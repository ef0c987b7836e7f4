using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Labs.Content.Yaml;

/// <summary>
/// Reads a YAML mapping with a fixed set of allowed keys, reporting typos, wrong types and missing keys at
/// their position in lab.md.
/// </summary>
internal sealed class YamlMappingReader
{
    private readonly YamlBlock _block;
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);

    public YamlMappingReader(YamlBlock block, YamlNode node, string what, IReadOnlyList<string> allowedKeys, string keyNoun = "key")
    {
        _block = block;
        if (node is not YamlMappingNode mapping)
            throw block.Error(node, $"{what} must be a mapping of {keyNoun}s ({string.Join(", ", allowedKeys)})");
        Node = mapping;
        What = what;
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey)
                throw block.Error(keyNode, $"{what} keys must be plain names");
            if (!allowedKeys.Contains(key, StringComparer.Ordinal))
                throw block.Error(keyNode, $"unknown {what} {keyNoun} '{key}'; allowed {keyNoun}s: {string.Join(", ", allowedKeys)}");
            if (!_entries.TryAdd(key, (scalarKey, value)))
                throw block.Error(keyNode, $"duplicate {what} {keyNoun} '{key}'");
        }
    }

    public YamlMappingNode Node { get; }

    public string What { get; }

    public bool Has(string key) => _entries.ContainsKey(key);

    public YamlNode? Value(string key) => _entries.TryGetValue(key, out var entry) ? entry.Value : null;

    public string RequiredString(string key)
    {
        var value = OptionalString(key);
        if (value is null)
            throw _block.Error(Node, $"{What} has no '{key}'; add '{key}: ...'");
        return value;
    }

    public string? OptionalString(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
            return null;
        if (entry.Value is not YamlScalarNode scalar)
            throw _block.Error(entry.Value, $"'{key}' must be text, not a list or mapping");
        var text = scalar.Value?.Trim() ?? "";
        if (text.Length == 0)
            throw _block.Error(entry.Value, $"'{key}' must not be empty");
        return text;
    }

    public bool OptionalBool(string key, bool defaultValue)
    {
        if (!_entries.TryGetValue(key, out var entry))
            return defaultValue;
        if (entry.Value is YamlScalarNode { Value: { } text })
        {
            if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
                return true;
            if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
                return false;
        }
        throw _block.Error(entry.Value, $"'{key}' must be true or false");
    }

    public int OptionalInt(string key, int defaultValue, int min, int max)
    {
        if (!_entries.TryGetValue(key, out var entry))
            return defaultValue;
        if (entry.Value is YamlScalarNode { Value: { } text }
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max)
            return value;
        throw _block.Error(entry.Value, $"'{key}' must be a whole number from {min} to {max}");
    }

    public IReadOnlyList<string> OptionalStringList(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
            return [];
        if (entry.Value is not YamlSequenceNode sequence)
            throw _block.Error(entry.Value, $"'{key}' must be a list, e.g. {key}: [a, b]");
        var items = new List<string>();
        foreach (var item in sequence.Children)
        {
            if (item is not YamlScalarNode { Value: { Length: > 0 } text })
                throw _block.Error(item, $"'{key}' items must be non-empty text");
            items.Add(text);
        }
        return items;
    }
}
