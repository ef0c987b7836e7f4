using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Labs.Content.Paths;

namespace Labs.Grading.Matching;

/// <summary>
/// Compares an expected partial object with an actual object: every leaf given must match, maps match partially
/// (extra actual keys are fine). A list whose expected items all have a merge key (<see cref="ListKeys"/>: name,
/// containerPort, mountPath, type, ...) is matched item by item by that key, wherever the item is and whatever else the
/// live list holds; any other list must have the same length and match element by element. A <c>null</c> leaf means the
/// field must not be set. Scalars compare by value: numbers numerically, anything else by its text.
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
                CompareList(expectedArray, actual, path, mismatches);
                return;
            default:
                if (actual is null)
                    mismatches.Add(new Mismatch(path, MismatchKind.Missing, expected, null));
                else if (actual is JsonObject or JsonArray || !ScalarEquals(expected, actual))
                    mismatches.Add(new Mismatch(path, MismatchKind.Value, expected, actual));
                return;
        }
    }

    private static void CompareList(JsonArray expected, JsonNode? actual, string path, List<Mismatch> mismatches)
    {
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
        if (ListKeys.For(expected) is { } key)
        {
            foreach (var item in expected.Cast<JsonObject>())
            {
                var wanted = item[key];
                var match = FindByKey(actualArray, key, wanted);
                if (match is null)
                {
                    var keys = new JsonArray([.. actualArray.OfType<JsonObject>().Select(o => o[key]?.DeepClone()).Where(k => k is not null)]);
                    mismatches.Add(new Mismatch(path, MismatchKind.MissingItem, wanted?.DeepClone(), keys, key));
                }
                else
                {
                    Compare(item, match, path + ListKeys.Filter(key, wanted), mismatches);
                }
            }
            return;
        }
        if (actualArray.Count != expected.Count)
        {
            mismatches.Add(new Mismatch(path, MismatchKind.Length, expected.Count, actualArray.Count));
            return;
        }
        for (var i = 0; i < expected.Count; i++)
            Compare(expected[i], actualArray[i], $"{path}[{i}]", mismatches);
    }

    /// <summary>The item of a live list whose <paramref name="key"/> equals <paramref name="value"/>, or null.</summary>
    internal static JsonObject? FindByKey(JsonArray actual, string key, JsonNode? value) =>
        actual.OfType<JsonObject>().FirstOrDefault(o => o[key] is { } k && value is not null && ScalarEquals(value, k));

    internal static bool ScalarEquals(JsonNode expected, JsonNode actual) =>
        actual is not (JsonObject or JsonArray) && JsonScalars.AreEqual(expected, actual);

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
