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
        Validate = ConfigValidation.ConfigMap,
        ValidateUpdate = ConfigValidation.ConfigMapUpdate,
        Columns = [NameColumn, Col("Data", "integer", (o, _) => Count(o["data"]) + Count(o["binaryData"])), AgeColumn],
    };

    /// <summary>The registry entry of <c>secrets</c>: type Opaque by default, selectable by <c>type</c>.</summary>
    public static ResourceStrategy Secrets { get; } = new(new ResourceDefinition(
        string.Empty, "v1", "secrets", "secret", "Secret", true, [], [], ResourceDefinition.AllVerbs, []))
    {
        PrepareForCreate = MergeStringData,
        PrepareForUpdate = MergeStringData,
        Defaults = ObjectDefaults.ApplySecret,
        Validate = ConfigValidation.Secret,
        ValidateUpdate = ConfigValidation.SecretUpdate,
        Columns = [NameColumn, Col("Type", "string", (o, _) => S(o, "type")), Col("Data", "integer", (o, _) => Count(o["data"])), AgeColumn],
        Fields = SelectableFields.WithMetadata("type"),
    };

    /// <summary>
    /// What the v1 → internal conversion does to a Secret: <c>stringData</c> is written into <c>data</c> (base64; a key in
    /// both takes stringData's value) and is never stored or returned.
    /// </summary>
    private static void MergeStringData(System.Text.Json.Nodes.JsonObject secret)
    {
        if (secret["stringData"] is not System.Text.Json.Nodes.JsonObject strings)
        {
            secret.Remove("stringData");
            return;
        }

        if (secret["data"] is not System.Text.Json.Nodes.JsonObject data)
        {
            data = [];
            secret["data"] = data;
        }

        foreach (var (key, value) in strings)
        {
            var text = value is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
            data[key] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));
        }

        secret.Remove("stringData");
    }

    /// <summary>The registry entry of <c>serviceaccounts</c>, with the <c>token</c> subresource (TokenRequest).</summary>
    public static ResourceStrategy ServiceAccounts { get; } = new(new ResourceDefinition(
        string.Empty, "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true, ["sa"], [], ResourceDefinition.AllVerbs, ["token"]))
    {
        ReturnsDeletedObject = true,
        Columns = [NameColumn, Col("Secrets", "integer", (o, _) => Count(o["secrets"])), AgeColumn],
    };
}
