using System.Text.Json;
using System.Text.Json.Nodes;
using Labs.Cluster.Schema;

namespace Labs.Cluster.Api;

/// <summary>
/// apimachinery's ValidateObjectMeta rules for labels and annotations (keys are qualified names, label values at most
/// 63 characters of a small alphabet, annotations at most 256 KiB in all), on an object's metadata and on the pod
/// templates it carries, since controllers copy those labels onto the pods they create.
/// </summary>
internal static class MetadataValidator
{
    /// <summary>kube-apiserver's TotalAnnotationSizeLimitB.</summary>
    public const int AnnotationsLimit = 256 * 1024;

    private static readonly string[][] TemplateMetadata =
    [
        ["spec", "template", "metadata"],
        ["spec", "jobTemplate", "spec", "template", "metadata"],
    ];

    /// <summary>The 422 causes for the object's labels and annotations, in document order.</summary>
    public static List<(string Reason, string Field, string Message)> Causes(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var causes = new List<(string, string, string)>();
        Check(obj["metadata"] as JsonObject, "metadata", causes);
        foreach (var path in TemplateMetadata)
        {
            JsonNode? node = obj;
            foreach (var step in path)
            {
                node = node is JsonObject o ? o[step] : null;
            }

            Check(node as JsonObject, string.Join('.', path), causes);
        }

        return causes;
    }

    private static void Check(JsonObject? metadata, string path, List<(string, string, string)> causes)
    {
        if (metadata?["labels"] is JsonObject labels)
        {
            foreach (var (key, value) in labels)
            {
                causes.AddRange(LabelRules.KeyProblems(key).Select(p => Invalid($"{path}.labels", key, p)));
                if (Text(value) is { } text)
                {
                    causes.AddRange(LabelRules.ValueProblems(text).Select(p => Invalid($"{path}.labels", text, p)));
                }
            }
        }

        if (metadata?["annotations"] is not JsonObject annotations)
        {
            return;
        }

        long total = 0;
        foreach (var (key, value) in annotations)
        {
            // Annotation keys are qualified names in any case.
            causes.AddRange(LabelRules.KeyProblems(key.ToLowerInvariant()).Select(p => Invalid($"{path}.annotations", key, p)));
            total += System.Text.Encoding.UTF8.GetByteCount(key) + System.Text.Encoding.UTF8.GetByteCount(Text(value) ?? string.Empty);
        }

        if (total > AnnotationsLimit)
        {
            causes.Add(("FieldValueTooLong", $"{path}.annotations", $"Too long: may not be more than {AnnotationsLimit} bytes"));
        }
    }

    private static (string, string, string) Invalid(string field, string value, string problem) =>
        ("FieldValueInvalid", field, $"Invalid value: {GoText.Quote(value)}: {problem}");

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
