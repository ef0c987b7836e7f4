using System.Text.Json.Nodes;
using Labs.Cluster.Admission;
using Labs.Cluster.Api;
using Labs.Cluster.Schema;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Core;

/// <summary>PersistentVolumeClaims and PersistentVolumes (pkg/registry/core/persistentvolume*), with their printers.</summary>
internal static class VolumeStrategies
{
    private static readonly string[] AccessModes = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];

    /// <summary>The registry entry of <c>persistentvolumeclaims</c>.</summary>
    public static ResourceStrategy Claims { get; } = new(new ResourceDefinition(
        string.Empty, "v1", "persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", true, ["pvc"], [],
        ResourceDefinition.AllVerbs, ["status"]))
    {
        ReturnsDeletedObject = true,
        Defaults = ObjectDefaults.ApplyPersistentVolumeClaim,
        Validate = (obj, errors) => CheckClaimSpec(obj["spec"] as JsonObject, errors),
        ValidateUpdate = ClaimUpdate,
        Columns =
        [
            NameColumn,
            Col("Status", "string", (o, _) => Phase(o), description: "phase represents the current phase of PersistentVolumeClaim."),
            Col("Volume", "string", (o, _) => S(o, "spec.volumeName"), description: "volumeName is the binding reference to the PersistentVolume backing this claim."),
            Col("Capacity", "string", (o, _) => S(o, "spec.volumeName").Length > 0 ? S(o, "status.capacity.storage") : string.Empty,
                description: "capacity represents the actual resources of the underlying volume."),
            Col("Access Modes", "string", (o, _) => S(o, "spec.volumeName").Length > 0 ? Modes(At(o, "status.accessModes")) : string.Empty,
                description: "accessModes contains the actual access modes the volume backing the PVC has."),
            Col("StorageClass", "string", (o, _) => ClassOf(o), description: "StorageClass of the pvc"),
            Col("VolumeAttributesClass", "string", (o, _) => S(o, "spec.volumeAttributesClassName", "<unset>"), description: "VolumeAttributesClass of the pvc"),
            AgeColumn,
            Col("VolumeMode", "string", (o, _) => S(o, "spec.volumeMode", "<unset>"), 1, "volumeMode defines what type of volume is required by the claim."),
        ],
    };

    /// <summary>The registry entry of <c>persistentvolumes</c>.</summary>
    public static ResourceStrategy Volumes { get; } = new(new ResourceDefinition(
        string.Empty, "v1", "persistentvolumes", "persistentvolume", "PersistentVolume", false, ["pv"], [],
        ResourceDefinition.AllVerbs, ["status"]))
    {
        ReturnsDeletedObject = true,
        Defaults = ObjectDefaults.ApplyPersistentVolume,
        Validate = CheckVolume,
        Columns =
        [
            NameColumn,
            Col("Capacity", "string", (o, _) => S(o, "spec.capacity.storage"), description: "capacity is the description of the persistent volume's resources and capacity."),
            Col("Access Modes", "string", (o, _) => Modes(At(o, "spec.accessModes")), description: "accessModes contains all ways the volume can be mounted."),
            Col("Reclaim Policy", "string", (o, _) => S(o, "spec.persistentVolumeReclaimPolicy"), description: "persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim."),
            Col("Status", "string", (o, _) => Phase(o), description: "phase indicates if a volume is available, bound to a claim, or released by a claim."),
            Col("Claim", "string", (o, _) => At(o, "spec.claimRef") is JsonObject claim ? $"{S(claim, "namespace")}/{S(claim, "name")}" : string.Empty,
                description: "claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim."),
            Col("StorageClass", "string", (o, _) => ClassOf(o), description: "StorageClass of the pv"),
            Col("VolumeAttributesClass", "string", (o, _) => S(o, "spec.volumeAttributesClassName", "<unset>"), description: "VolumeAttributesClass of the pv"),
            Col("Reason", "string", (o, _) => S(o, "status.reason"), description: "reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI."),
            AgeColumn,
            Col("VolumeMode", "string", (o, _) => S(o, "spec.volumeMode", "<unset>"), 1, "volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state."),
        ],
    };

    /// <summary>ValidatePersistentVolumeClaimSpec's access modes and storage request (shared with StatefulSet claim templates).</summary>
    internal static void CheckClaimSpec(JsonObject? spec, FieldErrors errors, string path = "spec")
    {
        CheckModes(spec, errors, path);
        if (spec?["resources"]?["requests"]?["storage"] is null)
        {
            errors.Required($"{path}.resources[storage]", string.Empty);
        }
    }

    private static void ClaimUpdate(JsonObject obj, JsonObject old, FieldErrors errors)
    {
        static JsonObject Comparable(JsonNode? spec)
        {
            var copy = spec?.DeepClone() as JsonObject ?? [];
            copy.Remove("resources");
            copy.Remove("volumeAttributesClassName");
            return copy;
        }

        // A claim not yet bound may get its volume name set; anything else but requests is fixed.
        var oldSpec = Comparable(old["spec"]);
        var newSpec = Comparable(obj["spec"]);
        if (oldSpec["volumeName"] is null)
        {
            newSpec.Remove("volumeName");
        }

        if (!JsonNode.DeepEquals(oldSpec, newSpec))
        {
            errors.Forbidden("spec", "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims");
        }
    }

    private static void CheckVolume(JsonObject obj, FieldErrors errors)
    {
        var spec = obj["spec"] as JsonObject;
        CheckModes(spec, errors, "spec");
        if (spec?["capacity"] is not JsonObject { Count: > 0 })
        {
            errors.Required("spec.capacity", string.Empty);
        }

        string[] sources = ["hostPath", "nfs", "local", "csi", "iscsi", "fc", "rbd", "cephfs", "glusterfs", "awsElasticBlockStore",
            "gcePersistentDisk", "azureDisk", "azureFile", "vsphereVolume", "portworxVolume", "scaleIO", "storageos", "flexVolume",
            "cinder", "flocker", "quobyte", "photonPersistentDisk"];
        if (!sources.Any(s => spec?[s] is JsonObject))
        {
            errors.Required("spec", "must specify a volume type");
        }
    }

    private static void CheckModes(JsonObject? spec, FieldErrors errors, string path)
    {
        if (spec?["accessModes"] is not JsonArray { Count: > 0 } modes)
        {
            errors.Required($"{path}.accessModes", "at least 1 access mode is required");
            return;
        }

        foreach (var mode in modes.Select(m => m is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty))
        {
            if (!AccessModes.Contains(mode, StringComparer.Ordinal))
            {
                errors.Causes.Add(("FieldValueNotSupported", $"{path}.accessModes",
                    $"Unsupported value: {FieldErrors.Quote(mode)}: supported values: {string.Join(", ", AccessModes.Select(FieldErrors.Quote))}"));
            }
        }
    }

    private static string Phase(JsonObject o) => At(o, "metadata.deletionTimestamp") is not null ? "Terminating" : S(o, "status.phase");

    // GetPersistentVolumeClass / GetPersistentVolumeClaimClass: the beta annotation wins over the field.
    private static string ClassOf(JsonObject o) =>
        At(o, "metadata.annotations") is JsonObject a && a["volume.beta.kubernetes.io/storage-class"] is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : S(o, "spec.storageClassName");

    // GetAccessModesAsString: RWO, ROX, RWX, RWOP in this order, each once.
    private static string Modes(JsonNode? modes)
    {
        var present = (modes as JsonArray)?.Select(m => m?.ToString()).ToHashSet(StringComparer.Ordinal) ?? [];
        var names = new List<string>();
        foreach (var (mode, abbreviation) in new (string, string)[] { ("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP") })
        {
            if (present.Contains(mode))
            {
                names.Add(abbreviation);
            }
        }

        return string.Join(',', names);
    }
}
