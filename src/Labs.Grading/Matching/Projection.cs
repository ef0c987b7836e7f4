using System.Text.Json.Nodes;

namespace Labs.Grading.Matching;

/// <summary>
/// The part of a live object an expectation looks at: the same shape as the expected partial object, with the live
/// values (lists matched as <see cref="PartialMatcher"/> matches them), so a result shows what was found without the
/// whole object.
/// </summary>
internal static class Projection
{
    public static JsonNode? Of(JsonNode? expected, JsonNode? actual)
    {
        switch (expected, actual)
        {
            case (_, null):
                return null;
            case (JsonObject e, JsonObject a):
                var result = new JsonObject();
                foreach (var (key, value) in e)
                {
                    if (a.TryGetPropertyValue(key, out var live) && live is not null)
                        result[key] = Of(value, live);
                }
                return result;
            case (JsonArray e, JsonArray a) when ListKeys.For(e) is { } key:
                return new JsonArray([.. e.Cast<JsonObject>()
                    .Select(item => (item, match: PartialMatcher.FindByKey(a, key, item[key])))
                    .Where(p => p.match is not null)
                    .Select(p => Of(p.item, p.match))]);
            case (JsonArray e, JsonArray a) when e.Count > 0:
                return new JsonArray([.. a.Select((item, i) => Of(e[Math.Min(i, e.Count - 1)], item))]);
            default:
                return actual.DeepClone();
        }
    }
}
