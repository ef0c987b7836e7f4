using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Core;

/// <summary>ResourceQuotas and LimitRanges. Their validation runs with admission, after quantities are decoded.</summary>
internal static class QuotaStrategies
{
    /// <summary>The registry entry of <c>resourcequotas</c>: columns as printResourceQuota prints them.</summary>
    public static ResourceStrategy ResourceQuotas { get; } = new(new ResourceDefinition(
        string.Empty, "v1", "resourcequotas", "resourcequota", "ResourceQuota", true, ["quota"], [], ResourceDefinition.AllVerbs, ["status"]))
    {
        ReturnsDeletedObject = true,
        Columns =
        [
            NameColumn,
            AgeColumn,
            Col("Request", "string", (o, _) => Usage(o, limits: false),
                description: "Request represents a minimum amount of cpu/memory that a container may consume."),
            Col("Limit", "string", (o, _) => Usage(o, limits: true),
                description: "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node."),
        ],
    };

    /// <summary>The registry entry of <c>limitranges</c>.</summary>
    public static ResourceStrategy LimitRanges { get; } = new(new ResourceDefinition(
        string.Empty, "v1", "limitranges", "limitrange", "LimitRange", true, ["limits"], [], ResourceDefinition.AllVerbs, []))
    {
        Columns = [NameColumn, CreatedAtColumn],
    };

    /// <summary><c>pods: 1/10, requests.cpu: 500m/1</c>, sorted by resource name; a resource not yet counted shows 0 used.</summary>
    private static string Usage(JsonObject quota, bool limits)
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
