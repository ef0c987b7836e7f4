using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads;

/// <summary>
/// persistentVolumeClaim volumes: the claim's bound PersistentVolume is where the files are. A hostPath volume (what
/// the local-path provisioner makes, or a learner's own) is that path in the simulated root of the pod's node; any
/// other kind keeps its files under <see cref="OtherVolumesPath"/> there, one folder per volume, so they outlive pods.
/// </summary>
internal static partial class PodVolumes
{
    /// <summary>Where a volume with no hostPath (nfs, csi, ...) keeps its files on the node.</summary>
    public const string OtherVolumesPath = "/var/lib/labs/volumes";

    /// <summary>
    /// The pod with each persistentVolumeClaim volume replaced by the hostPath it amounts to; a claim that is missing or
    /// not bound yet is left as it is (the scheduler does not place such a pod).
    /// </summary>
    public static JsonObject WithClaims(IObjectStore store, JsonObject pod)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(pod);
        if (!pod.Arr("spec", "volumes").Objects().Any(v => v.Obj("persistentVolumeClaim") is not null))
        {
            return pod;
        }

        var resolved = pod.DeepClone().AsObject();
        foreach (var volume in resolved.Arr("spec", "volumes").Objects())
        {
            if (volume.Str("persistentVolumeClaim", "claimName") is not { Length: > 0 } claimName
                || store.Get(new GroupResource("", "persistentvolumeclaims"), pod.Namespace(), claimName)?.Str("spec", "volumeName") is not { Length: > 0 } volumeName
                || store.Get(new GroupResource("", "persistentvolumes"), null, volumeName) is not { } pv)
            {
                continue;
            }

            var path = pv.Str("spec", "hostPath", "path") is { Length: > 0 } hostPath ? hostPath : $"{OtherVolumesPath}/{volumeName}";
            volume.Remove("persistentVolumeClaim");
            volume["hostPath"] = new JsonObject { ["path"] = path, ["type"] = "DirectoryOrCreate" };
        }

        return resolved;
    }
}
