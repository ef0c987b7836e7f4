using System.Text.Json.Nodes;
using Labs.Cluster.Registry.StorageApi;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Admission;

/// <summary>
/// The DefaultStorageClass admission plugin: a new PersistentVolumeClaim that names no StorageClass gets the default one
/// (the newest class carrying the default annotation), so it can be provisioned as on a real cluster.
/// </summary>
internal static class DefaultStorageClass
{
    private static readonly GroupResource Claims = new(string.Empty, "persistentvolumeclaims");
    private static readonly GroupResource Classes = new("storage.k8s.io", "storageclasses");

    /// <summary>Sets <c>spec.storageClassName</c> of a created claim that has none, when a default class exists.</summary>
    public static void Admit(AdmissionRequest request, IObjectStore store)
    {
        if (request.Operation != AdmissionOperation.Create || request.Resource != Claims
            || request.Object["spec"] is not JsonObject spec || spec.ContainsKey("storageClassName"))
        {
            return;
        }

        var chosen = store.List(Classes, null).Items
            .Where(StorageStrategies.IsDefault)
            .OrderByDescending(c => (string?)c["metadata"]?["creationTimestamp"], StringComparer.Ordinal)
            .ThenBy(c => (string?)c["metadata"]?["name"], StringComparer.Ordinal)
            .FirstOrDefault();
        if (chosen?["metadata"]?["name"] is JsonValue name)
        {
            spec["storageClassName"] = name.DeepClone();
        }
    }
}
