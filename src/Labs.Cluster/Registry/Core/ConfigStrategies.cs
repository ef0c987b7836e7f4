using Labs.Cluster.Api;
using Labs.Cluster.Schema;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Core;

/// <summary>ConfigMaps, Secrets and ServiceAccounts: configuration a pod reads.</summary>
internal static class ConfigStrategies
{
    /// <summary>The registry entry of <c>configmaps</c>.</summary>
    public static ResourceStrategy ConfigMaps { get; } = new(new ResourceDefinition(
        string.Empty, "v1", "configmaps", "configmap", "ConfigMap", true, ["cm"], [], ResourceDefinition.AllVerbs, []))
    {
        Columns = [NameColumn, Col("Data", "integer", (o, _) => Count(o["data"]) + Count(o["binaryData"])), AgeColumn],
    };

    /// <summary>The registry entry of <c>secrets</c>: type Opaque by default, selectable by <c>type</c>.</summary>
    public static ResourceStrategy Secrets { get; } = new(new ResourceDefinition(
        string.Empty, "v1", "secrets", "secret", "Secret", true, [], [], ResourceDefinition.AllVerbs, []))
    {
        Defaults = ObjectDefaults.ApplySecret,
        Columns = [NameColumn, Col("Type", "string", (o, _) => S(o, "type")), Col("Data", "integer", (o, _) => Count(o["data"])), AgeColumn],
        Fields = SelectableFields.WithMetadata("type"),
    };

    /// <summary>The registry entry of <c>serviceaccounts</c>, with the <c>token</c> subresource (TokenRequest).</summary>
    public static ResourceStrategy ServiceAccounts { get; } = new(new ResourceDefinition(
        string.Empty, "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true, ["sa"], [], ResourceDefinition.AllVerbs, ["token"]))
    {
        ReturnsDeletedObject = true,
        Columns = [NameColumn, Col("Secrets", "integer", (o, _) => Count(o["secrets"])), AgeColumn],
    };
}
