using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Admission;

/// <summary>
/// PersistentVolumeClaims: their count and requested storage, also per storage class
/// (<c>gold.storageclass.storage.k8s.io/requests.storage</c>). Resizing a claim is an update, so updates count too.
/// </summary>
internal sealed class PersistentVolumeClaimQuotaEvaluator() : QuotaEvaluator(new GroupResource(string.Empty, "persistentvolumeclaims"))
{
    private const string ClassSuffix = ".storageclass.storage.k8s.io/";

    /// <inheritdoc />
    public override bool Handles(AdmissionOperation operation) => true;

    /// <inheritdoc />
    public override IReadOnlyList<string> MatchingResources(IEnumerable<string> names) =>
        names.Where(name => name is "count/persistentvolumeclaims" or "persistentvolumeclaims" or "requests.storage"
            || name.EndsWith(ClassSuffix + "persistentvolumeclaims", StringComparison.Ordinal)
            || name.EndsWith(ClassSuffix + "requests.storage", StringComparison.Ordinal)).ToList();

    /// <inheritdoc />
    public override ResourceList Usage(JsonObject obj, DateTimeOffset now)
    {
        var usage = new ResourceList
        {
            ["persistentvolumeclaims"] = Quantity.FromInteger(1),
            ["count/persistentvolumeclaims"] = Quantity.FromInteger(1),
        };

        // The beta annotation still wins over spec.storageClassName, as GetPersistentVolumeClaimClass reads it.
        var storageClass = (string?)obj["metadata"]?["annotations"]?["volume.beta.kubernetes.io/storage-class"]
            ?? (string?)obj["spec"]?["storageClassName"] ?? string.Empty;
        if (storageClass.Length > 0)
        {
            usage[storageClass + ClassSuffix + "persistentvolumeclaims"] = Quantity.FromInteger(1);
        }

        if (Storage(obj) is { } storage)
        {
            usage["requests.storage"] = storage;
            if (storageClass.Length > 0)
            {
                usage[storageClass + ClassSuffix + "requests.storage"] = storage;
            }
        }

        return usage;
    }

    /// <summary>The requested storage in whole bytes, or the allocated size when a resize made it larger.</summary>
    private static Quantity? Storage(JsonObject claim)
    {
        if (!ResourceList.Read(claim["spec"]?["resources"]?["requests"]).TryGetValue("storage", out var requested))
        {
            return null;
        }

        var result = requested.RoundedUp();
        if (ResourceList.Read(claim["status"]?["allocatedResources"]).TryGetValue("storage", out var allocated) && allocated > result)
        {
            result = allocated.RoundedUp();
        }

        return result;
    }
}
