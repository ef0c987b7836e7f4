using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads;

/// <summary>
/// The <c>pod-template-hash</c> of a pod template: FNV-1a over a canonical (key-sorted) JSON rendering, encoded
/// with Kubernetes' "safe" alphabet so it looks like a real one (<c>7c5ddbdf54</c>) and never spells words.
/// </summary>
internal static class TemplateHash
{
    public const string Label = "pod-template-hash";
    private const string SafeAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Compute(JsonObject? template)
    {
        var canonical = Canonical(WithoutHashLabel(template))!.ToJsonString();
        uint hash = 2166136261;
        foreach (var b in Encoding.UTF8.GetBytes(canonical))
        {
            hash ^= b;
            hash *= 16777619;
        }

        var digits = hash.ToString(CultureInfo.InvariantCulture);
        var result = new StringBuilder(digits.Length);
        foreach (var c in digits)
        {
            result.Append(SafeAlphabet[c % SafeAlphabet.Length]);
        }

        return result.ToString();
    }

    /// <summary>Whether two templates are the same apart from the hash label.</summary>
    public static bool SameTemplate(JsonObject? a, JsonObject? b) =>
        JsonNode.DeepEquals(Canonical(WithoutHashLabel(a)), Canonical(WithoutHashLabel(b)));

    public static JsonObject WithoutHashLabel(JsonObject? template)
    {
        var copy = (JsonObject?)template?.DeepClone() ?? [];
        if (copy.Obj("metadata", "labels") is { } labels)
        {
            labels.Remove(Label);
        }

        return copy;
    }

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        // Nulls (creationTimestamp: null, as kubectl rollout undo sends) mean "absent" and must not change the hash.
        JsonObject obj => new JsonObject(obj.Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray arr => new JsonArray(arr.Select(Canonical).ToArray()),
        _ => node?.DeepClone(),
    };
}
