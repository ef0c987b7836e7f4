using System.Text.Json.Nodes;

namespace Labs.Cluster.Admission;

/// <summary>
/// The defaults Kubernetes stores in a LimitRange's <c>Container</c> items (SetDefaults_LimitRangeItem): a missing default
/// limit is the max, a missing default request is the default limit, else the min.
/// </summary>
internal static class LimitRangeDefaults
{
    /// <summary>Fills the defaults in place.</summary>
    public static void Apply(JsonObject limitRange)
    {
        foreach (var item in (limitRange["spec"]?["limits"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if ((string?)item["type"] != "Container")
            {
                continue;
            }

            // The values are copied as written, as Kubernetes copies the decoded quantities.
            var defaults = Copy(item["default"]);
            var requests = Copy(item["defaultRequest"]);
            Fill(defaults, item["max"]);
            Fill(requests, defaults);
            Fill(requests, item["min"]);
            Set(item, "default", defaults);
            Set(item, "defaultRequest", requests);
        }
    }

    private static JsonObject Copy(JsonNode? map) => map is JsonObject o ? o.DeepClone().AsObject() : [];

    private static void Fill(JsonObject into, JsonNode? from)
    {
        foreach (var (name, value) in from as JsonObject ?? [])
        {
            if (!into.ContainsKey(name) && value is not null)
            {
                into[name] = value.DeepClone();
            }
        }
    }

    // Empty maps are omitted, as Kubernetes serializes them.
    private static void Set(JsonObject item, string field, JsonObject map)
    {
        if (map.Count > 0)
        {
            item[field] = map;
        }
    }
}
