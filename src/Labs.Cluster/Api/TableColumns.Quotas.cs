using System.Text.Json.Nodes;

namespace Labs.Cluster.Api;

/// <summary>The columns of ResourceQuotas (printResourceQuota): used/hard per resource, limits.* apart from the rest.</summary>
internal static partial class TableColumns
{
    private static readonly TableColumn[] ResourceQuotas =
    [
        NameColumn,
        AgeColumn,
        Col("Request", "string", (o, _) => QuotaUsage(o, limits: false),
            description: "Request represents a minimum amount of cpu/memory that a container may consume."),
        Col("Limit", "string", (o, _) => QuotaUsage(o, limits: true),
            description: "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node."),
    ];

    /// <summary><c>pods: 1/10, requests.cpu: 500m/1</c>, sorted by resource name; a resource not yet counted shows 0 used.</summary>
    private static string QuotaUsage(JsonObject quota, bool limits)
    {
        var hard = At(quota, "status.hard") as JsonObject ?? [];
        var used = At(quota, "status.used") as JsonObject;
        var parts = hard.Select(p => p.Key)
            .Where(name => IsLimit(name) == limits)
            .Order(StringComparer.Ordinal)
            .Select(name => $"{name}: {(string?)used?[name] ?? "0"}/{(string?)hard[name]}");
        return string.Join(", ", parts);
    }

    private static bool IsLimit(string resource) => resource.Split('.') is { Length: > 1 } pieces && pieces[0] == "limits";
}
