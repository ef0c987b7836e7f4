using System.Text.Json.Nodes;
using Labs.Cluster.Admission;
using Labs.Cluster.Api;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.StorageApi;

/// <summary>The storage.k8s.io/v1 group: StorageClasses (one is the default), CSIDrivers and VolumeAttachments.</summary>
internal static class StorageStrategies
{
    private const string Group = "storage.k8s.io";

    /// <summary>The annotation that makes a StorageClass the default for claims that name none.</summary>
    public const string DefaultClassAnnotation = "storageclass.kubernetes.io/is-default-class";

    /// <summary>The registry entry of <c>storageclasses</c>.</summary>
    public static ResourceStrategy StorageClasses { get; } = new(new ResourceDefinition(
        Group, "v1", "storageclasses", "storageclass", "StorageClass", false, ["sc"], [], ResourceDefinition.AllVerbs, []))
    {
        ReturnsDeletedObject = true,
        Defaults = obj =>
        {
            obj["reclaimPolicy"] ??= "Delete";
            obj["volumeBindingMode"] ??= "Immediate";
        },
        Validate = (obj, errors) =>
        {
            if (obj["provisioner"] is not JsonValue p || !p.TryGetValue<string>(out var text) || text.Length == 0)
            {
                errors.Required("provisioner", string.Empty);
            }
        },
        ValidateUpdate = ClassUpdate,
        Columns =
        [
            Col("Name", "string", (o, _) => IsDefault(o) ? S(o, "metadata.name") + " (default)" : S(o, "metadata.name"),
                description: NameColumn.Description) with { Format = "name" },
            Col("Provisioner", "string", (o, _) => S(o, "provisioner"), description: "provisioner indicates the type of the provisioner."),
            Col("ReclaimPolicy", "string", (o, _) => S(o, "reclaimPolicy", "Delete"), description: "reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class."),
            Col("VolumeBindingMode", "string", (o, _) => S(o, "volumeBindingMode", "Immediate"), description: "volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound."),
            Col("AllowVolumeExpansion", "string", (o, _) => At(o, "allowVolumeExpansion")?.ToJsonString() == "true",
                description: "allowVolumeExpansion shows whether the storage class allow volume expand."),
            AgeColumn,
        ],
    };

    /// <summary>The registry entry of <c>csidrivers</c>.</summary>
    public static ResourceStrategy CsiDrivers { get; } = new(new ResourceDefinition(
        Group, "v1", "csidrivers", "csidriver", "CSIDriver", false, [], [], ResourceDefinition.AllVerbs, []))
    {
        TracksGeneration = true,
        ReturnsDeletedObject = true,
        Defaults = CsiDriverDefaults,
        Columns =
        [
            NameColumn,
            Col("AttachRequired", "boolean", (o, _) => At(o, "spec.attachRequired")?.ToJsonString() != "false", description: "attachRequired indicates this CSI volume driver requires an attach operation."),
            Col("PodInfoOnMount", "boolean", (o, _) => At(o, "spec.podInfoOnMount")?.ToJsonString() == "true", description: "podInfoOnMount indicates this CSI volume driver requires additional pod information during mount operations."),
            Col("StorageCapacity", "boolean", (o, _) => At(o, "spec.storageCapacity")?.ToJsonString() == "true", description: "storageCapacity indicates that the CSI volume driver wants pod scheduling to consider the storage capacity."),
            Col("TokenRequests", "string", (o, _) => At(o, "spec.tokenRequests") is JsonArray a ? string.Join(',', Objects(a).Select(t => S(t, "audience"))) : "<unset>",
                description: "tokenRequests indicates the CSI driver needs pods' service account tokens it is mounting volume for to do necessary authentication."),
            Col("RequiresRepublish", "boolean", (o, _) => At(o, "spec.requiresRepublish")?.ToJsonString() == "true", description: "requiresRepublish indicates the CSI driver wants `NodePublishVolume` being periodically called."),
            Col("Modes", "string", (o, _) => Join((At(o, "spec.volumeLifecycleModes") as JsonArray)?.Select(m => m?.ToString() ?? string.Empty) ?? []),
                description: "volumeLifecycleModes defines what kind of volumes this CSI volume driver supports."),
            AgeColumn,
        ],
    };

    /// <summary>The registry entry of <c>volumeattachments</c>.</summary>
    public static ResourceStrategy VolumeAttachments { get; } = new(new ResourceDefinition(
        Group, "v1", "volumeattachments", "volumeattachment", "VolumeAttachment", false, [], [], ResourceDefinition.AllVerbs, ["status"]))
    {
        ReturnsDeletedObject = true,
        Columns =
        [
            NameColumn,
            Col("Attacher", "string", (o, _) => S(o, "spec.attacher"), description: "attacher indicates the name of the volume driver that MUST handle this request.") with { Format = "name" },
            Col("PV", "string", (o, _) => S(o, "spec.source.persistentVolumeName"), description: "persistentVolumeName represents the name of the persistent volume to attach."),
            Col("Node", "string", (o, _) => S(o, "spec.nodeName"), description: "nodeName represents the node that the volume should be attached to."),
            Col("Attached", "boolean", (o, _) => At(o, "status.attached")?.ToJsonString() == "true", description: "attached indicates the volume is successfully attached."),
            AgeColumn,
        ],
    };

    /// <summary>Whether a StorageClass carries the default-class annotation (or its beta form).</summary>
    public static bool IsDefault(JsonObject storageClass)
    {
        ArgumentNullException.ThrowIfNull(storageClass);
        var annotations = storageClass["metadata"]?["annotations"] as JsonObject;
        return annotations?[DefaultClassAnnotation]?.ToString() == "true"
            || annotations?["storageclass.beta.kubernetes.io/is-default-class"]?.ToString() == "true";
    }

    // SetDefaults_CSIDriver (storage/v1), with the defaults of v1.32's default feature gates (SELinuxMountReadWriteOncePod).
    private static void CsiDriverDefaults(JsonObject obj)
    {
        var spec = obj["spec"] as JsonObject ?? [];
        obj["spec"] = spec;
        spec["attachRequired"] ??= true;
        spec["podInfoOnMount"] ??= false;
        spec["storageCapacity"] ??= false;
        spec["fsGroupPolicy"] ??= "ReadWriteOnceWithFSType";
        spec["requiresRepublish"] ??= false;
        spec["seLinuxMount"] ??= false;
        if (spec["volumeLifecycleModes"] is not JsonArray { Count: > 0 })
        {
            spec["volumeLifecycleModes"] = new JsonArray("Persistent");
        }
    }

    private static void ClassUpdate(JsonObject obj, JsonObject old, FieldErrors errors)
    {
        foreach (var field in (string[])["parameters", "provisioner", "reclaimPolicy"])
        {
            if (!JsonNode.DeepEquals(obj[field], old[field]))
            {
                errors.Forbidden(field, $"updates to {field} are forbidden.");
            }
        }
    }
}
