using System.Text.Json.Nodes;

namespace Labs.Grading.Matching;

/// <summary>
/// The fields Kubernetes lists are merged by (their strategic-merge keys: containers and volumes by name, ports by
/// containerPort or port, volume mounts by mountPath, conditions by type, ...), so that an expected list item is found
/// wherever it is in the live list.
/// </summary>
internal static class ListKeys
{
    private static readonly string[] Candidates = ["name", "containerPort", "port", "mountPath", "devicePath", "type", "ip", "topologyKey"];

    /// <summary>The key every expected item has as a scalar, or null when the list must be matched by position.</summary>
    public static string? For(JsonArray expected)
    {
        if (expected.Count == 0 || expected.Any(item => item is not JsonObject))
            return null;
        return Candidates.FirstOrDefault(key => expected.All(item => item is JsonObject obj && obj[key] is JsonValue));
    }

    /// <summary>How a keyed item is addressed in a JSONPath: <c>[?(@.name=="web")]</c>.</summary>
    public static string Filter(string key, JsonNode? value) => $"[?(@.{key}=={value?.ToJsonString() ?? "null"})]";
}
