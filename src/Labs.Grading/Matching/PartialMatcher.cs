using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Labs.Grading.Matching;

/// <summary>
/// Compares an expected partial object with an actual object: every leaf given must match, maps match
/// partially (extra actual keys are fine), lists must have the same length and match element by element.
/// A <c>null</c> leaf means the field must not be set. Scalars compare by value: numbers numerically
/// (2 equals 2.0), anything else by its text, so <c>"2"</c> matches 2 and <c>true</c> matches "true".
/// </summary>
internal static partial class PartialMatcher
{
    public static List<Mismatch> Compare(JsonObject expected, JsonNode? actual)
    {
        var mismatches = new List<Mismatch>();
        Compare(expected, actual, "", mismatches);
        return mismatches;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<Mismatch> mismatches)
    {
        switch (expected)
        {
            case null:
                if (actual is not null)
                    mismatches.Add(new Mismatch(path, MismatchKind.Unexpected, null, actual));
                return;
            case JsonObject expectedObject:
                if (actual is null)
                {
                    // Report each expected leaf as missing: "replicas is not set" is clearer than "spec is not set".
                    foreach (var (key, value) in expectedObject)
                        Compare(value, null, Append(path, key), mismatches);
                    return;
                }
                if (actual is not JsonObject actualObject)
                {
                    mismatches.Add(new Mismatch(path, MismatchKind.NotAnObject, expected, actual));
                    return;
                }
                foreach (var (key, value) in expectedObject)
                    Compare(value, actualObject[key], Append(path, key), mismatches);
                return;
            case JsonArray expectedArray:
                if (actual is null)
                {
                    mismatches.Add(new Mismatch(path, MismatchKind.Missing, expected, null));
                    return;
                }
                if (actual is not JsonArray actualArray)
                {
                    mismatches.Add(new Mismatch(path, MismatchKind.NotAList, expected, actual));
                    return;
                }
                if (actualArray.Count != expectedArray.Count)
                {
                    mismatches.Add(new Mismatch(path, MismatchKind.Length, expectedArray.Count, actualArray.Count));
                    return;
                }
                for (var i = 0; i < expectedArray.Count; i++)
                    Compare(expectedArray[i], actualArray[i], $"{path}[{i}]", mismatches);
                return;
            default:
                if (actual is null)
                    mismatches.Add(new Mismatch(path, MismatchKind.Missing, expected, null));
                else if (actual is JsonObject or JsonArray || !ScalarEquals(expected, actual))
                    mismatches.Add(new Mismatch(path, MismatchKind.Value, expected, actual));
                return;
        }
    }

    internal static bool ScalarEquals(JsonNode expected, JsonNode actual)
    {
        if (expected.GetValueKind() == JsonValueKind.Number && actual.GetValueKind() == JsonValueKind.Number)
            return ToDecimal(expected) == ToDecimal(actual);
        return string.Equals(ScalarText(expected), ScalarText(actual), StringComparison.Ordinal);
    }

    private static decimal? ToDecimal(JsonNode node) =>
        decimal.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string ScalarText(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => node.ToJsonString(),
    };

    /// <summary>Appends a key the way kubectl's JSONPath shows it: <c>a.b</c>, or <c>a["app.kubernetes.io/name"]</c> for unusual keys.</summary>
    private static string Append(string path, string key)
    {
        if (PlainKey().IsMatch(key))
            return path.Length == 0 ? key : $"{path}.{key}";
        return $"{path}[{JsonSerializer.Serialize(key)}]";
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*$")]
    private static partial Regex PlainKey();
}
