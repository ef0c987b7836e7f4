using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Labs.Content.Yaml;

/// <summary>
/// Reads Kubernetes manifests (YAML, several documents per file, <c>List</c> kinds unwrapped) into JSON objects,
/// so a lab's broken manifest is found when the lab loads, with the file, line and column.
/// </summary>
internal static class ManifestReader
{
    public static IReadOnlyList<SetupObject> Read(string path, string displayPath)
    {
        var block = new YamlBlock(displayPath, firstLine: 1, columnOffset: 0);
        var stream = new YamlStream();
        try
        {
            var text = LabFiles.ReadText(path, displayPath).Replace("\r\n", "\n", StringComparison.Ordinal);
            YamlGuard.Check(block, text);
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw block.Error(ex.Start, $"invalid YAML: {ex.InnerException?.Message ?? ex.Message}");
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            throw new LabFormatException(displayPath, 1, 1, $"invalid YAML: {ex.Message}");
        }

        var objects = new List<SetupObject>();
        foreach (var document in stream.Documents)
        {
            if (document.RootNode is YamlScalarNode { Value: null or "" })
            {
                continue;
            }

            if (YamlJson.ToJson(block, document.RootNode) is not JsonObject manifest)
            {
                throw block.Error(document.RootNode.Start, "a manifest must be a mapping with apiVersion, kind and metadata");
            }

            var source = $"{displayPath}:{document.RootNode.Start.Line}";
            if (manifest["kind"]?.GetValue<object>() is string kind && kind.EndsWith("List", StringComparison.Ordinal) && manifest["items"] is JsonArray items)
            {
                objects.AddRange(items.Select(item => new SetupObject(Validate(block, document.RootNode, item as JsonObject), source)));
            }
            else
            {
                objects.Add(new SetupObject(Validate(block, document.RootNode, manifest), source));
            }
        }

        return objects;
    }

    private static JsonObject Validate(YamlBlock block, YamlNode node, JsonObject? manifest)
    {
        if (manifest is null)
        {
            throw block.Error(node.Start, "every item of a List must be a mapping");
        }

        foreach (var field in new[] { "apiVersion", "kind" })
        {
            if (manifest[field] is not JsonValue value || value.GetValueKind() != System.Text.Json.JsonValueKind.String)
            {
                throw block.Error(node.Start, $"the manifest has no {field}");
            }
        }

        if (manifest["metadata"]?["name"] is not JsonValue name || name.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            throw block.Error(node.Start, $"the {manifest["kind"]} has no metadata.name");
        }

        if (manifest["metadata"]?["namespace"] is not null)
        {
            throw block.Error(node.Start, $"{manifest["kind"]} {name}: leave metadata.namespace out; setup objects go into each learner's own namespace");
        }

        return manifest;
    }
}
