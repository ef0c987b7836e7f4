using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace Labs.Conformance.Tests.Client;

/// <summary>
/// Whether KubernetesClient's typed model of a response holds everything the response said: the model, serialized
/// back, must equal the raw JSON (fields set to null in the raw JSON count as absent, as Go's omitempty makes them).
/// </summary>
public static class Lossless
{
    /// <summary>Fails with every path where <paramref name="typed"/> serialized back differs from <paramref name="rawJson"/>.</summary>
    public static void Assert<T>(string rawJson, T typed, string what)
    {
        var raw = JsonNode.Parse(rawJson) ?? throw new InvalidDataException($"{what}: the response is JSON null");
        var back = JsonNode.Parse(KubernetesJson.Serialize(typed)) ?? throw new InvalidDataException($"{what}: the model serialized to null");
        var differences = new List<string>();
        Compare("$", raw, back, differences);
        Xunit.Assert.True(differences.Count == 0, $"{what}: the typed {typeof(T).Name} lost or changed what the server said:\n  {string.Join("\n  ", differences)}\nraw: {rawJson}");
    }

    private static void Compare(string path, JsonNode? raw, JsonNode? back, List<string> differences)
    {
        switch (raw, back)
        {
            case (null, null):
                return;
            case (JsonObject r, JsonObject b):
                foreach (var (key, value) in r)
                {
                    if (value is null)
                    {
                        continue;
                    }

                    if (!b.TryGetPropertyValue(key, out var other))
                    {
                        differences.Add($"{path}.{key}: the server sent {Shorten(value)}, the model has nothing");
                        continue;
                    }

                    Compare($"{path}.{key}", value, other, differences);
                }

                foreach (var (key, value) in b)
                {
                    if (value is not null && !r.ContainsKey(key))
                    {
                        differences.Add($"{path}.{key}: the model has {Shorten(value)}, the server sent nothing");
                    }
                }

                return;
            case (JsonArray r, JsonArray b):
                if (r.Count != b.Count)
                {
                    differences.Add($"{path}: the server sent {r.Count} items, the model has {b.Count}");
                    return;
                }

                for (var i = 0; i < r.Count; i++)
                {
                    Compare($"{path}[{i}]", r[i], b[i], differences);
                }

                return;
            case (JsonValue r, JsonValue b) when SameValue(r, b):
                return;
            default:
                differences.Add($"{path}: the server sent {Shorten(raw)}, the model has {Shorten(back)}");
                return;
        }
    }

    private static bool SameValue(JsonValue raw, JsonValue back) =>
        raw.GetValueKind() == back.GetValueKind() && (raw.GetValueKind() == JsonValueKind.Number
            ? decimal.Parse(raw.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) == decimal.Parse(back.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)
            : raw.ToJsonString() == back.ToJsonString());

    private static string Shorten(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 120 ? text : text[..120] + "...";
    }
}
