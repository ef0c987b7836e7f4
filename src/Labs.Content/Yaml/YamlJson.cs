using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Labs.Content.Yaml;

/// <summary>Converts YAML nodes to JSON nodes with YAML 1.2 core-schema typing of plain scalars.</summary>
internal static class YamlJson
{
    public static JsonNode? ToJson(YamlBlock block, YamlNode node) => node switch
    {
        YamlMappingNode mapping => ToObject(block, mapping),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(c => ToJson(block, c))]),
        YamlScalarNode scalar => ToScalar(scalar),
        _ => throw block.Error(node, "aliases are not supported here; write the value out"),
    };

    private static JsonObject ToObject(YamlBlock block, YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { Length: > 0 } name })
                throw block.Error(key, "mapping keys must be plain names");
            if (result.ContainsKey(name))
                throw block.Error(key, $"duplicate key '{name}'");
            result[name] = ToJson(block, value);
        }
        return result;
    }

    private static JsonValue? ToScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        // Quoted and block scalars are always strings; only plain scalars carry a type, as in YAML 1.2.
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
            return JsonValue.Create(text);
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return JsonValue.Create(integer);
        if (text.Any(char.IsDigit) && !text.StartsWith('.') && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
            return JsonValue.Create(real);
        return JsonValue.Create(text);
    }
}
