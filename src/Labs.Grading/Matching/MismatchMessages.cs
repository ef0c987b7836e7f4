using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Labs.Grading.Matching;

/// <summary>Turns mismatches into sentences a learner can act on.</summary>
internal static class MismatchMessages
{
    private const int MaxValueLength = 80;

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // The fields learners meet first read better as counts than as paths.
    private static readonly Dictionary<string, string> CountPhrases = new(StringComparer.Ordinal)
    {
        ["spec.replicas"] = "replicas",
        ["status.replicas"] = "replicas in status",
        ["status.availableReplicas"] = "available replicas",
        ["status.readyReplicas"] = "ready replicas",
        ["status.updatedReplicas"] = "updated replicas",
    };

    /// <summary>The sentence for one mismatch, without the object prefix.</summary>
    public static string Describe(Mismatch mismatch)
    {
        var path = mismatch.Path.Length == 0 ? "the object" : mismatch.Path;
        return mismatch.Kind switch
        {
            MismatchKind.Missing => $"expected {path} to be {Show(mismatch.Expected)}, but it is not set",
            MismatchKind.Value when CountPhrases.TryGetValue(mismatch.Path, out var noun)
                && mismatch.Expected?.GetValueKind() == JsonValueKind.Number && mismatch.Actual?.GetValueKind() == JsonValueKind.Number
                => $"expected {Show(mismatch.Expected)} {noun}, found {Show(mismatch.Actual)}",
            MismatchKind.Value => $"expected {path} to be {Show(mismatch.Expected)}, found {Show(mismatch.Actual)}",
            MismatchKind.NotAnObject => $"expected {path} to be an object, found {Show(mismatch.Actual)}",
            MismatchKind.NotAList => $"expected {path} to be a list, found {Show(mismatch.Actual)}",
            MismatchKind.Length => $"expected {path} to have {Show(mismatch.Expected)} {Items(mismatch.Expected)}, found {Show(mismatch.Actual)}",
            MismatchKind.Unexpected => $"expected {path} not to be set, found {Show(mismatch.Actual)}",
            MismatchKind.MissingItem => $"expected {path} to have an item with {mismatch.Key} {Show(mismatch.Expected)}, found {(mismatch.Actual is JsonArray { Count: > 0 } keys ? $"only {Show(keys)}" : "no items")}",
            _ => $"{path} does not match",
        };
    }

    private static string Items(JsonNode? count) => count is not null && count.ToJsonString() == "1" ? "item" : "items";

    /// <summary>A value as the learner would write it in YAML or JSON: strings quoted, long values shortened.</summary>
    internal static string Show(JsonNode? value)
    {
        if (value is null)
            return "null";
        var text = value.ToJsonString(Compact);
        return text.Length <= MaxValueLength ? text : string.Concat(text.AsSpan(0, MaxValueLength - 1), "…");
    }
}
