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

            var defaults = ResourceList.Read(item["default"]);
            var requests = ResourceList.Read(item["defaultRequest"]);
            foreach (var (name, max) in ResourceList.Read(item["max"]))
            {
                defaults.TryAdd(name, max);
            }

            foreach (var (name, limit) in defaults)
            {
                requests.TryAdd(name, limit);
            }

            foreach (var (name, min) in ResourceList.Read(item["min"]))
            {
                requests.TryAdd(name, min);
            }

            Set(item, "default", defaults);
            Set(item, "defaultRequest", requests);
        }
    }

    // Empty maps are omitted, as Kubernetes serializes them.
    private static void Set(JsonObject item, string field, ResourceList list)
    {
        if (list.Count > 0)
        {
            item[field] = list.ToJson();
        }
    }
}
