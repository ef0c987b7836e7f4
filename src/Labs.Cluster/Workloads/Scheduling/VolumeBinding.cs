using System.Text.Json.Nodes;
using Labs.Cluster.Storage;
using Labs.Cluster.Workloads.Volumes;

namespace Labs.Cluster.Workloads.Scheduling;

/// <summary>
/// The scheduler's VolumeBinding plugin: a pod's claims must exist and be bound, unless their class waits for the first
/// consumer (then the scheduler picks the node and asks for the volume there); a bound volume's node affinity limits
/// the nodes.
/// </summary>
internal static class VolumeBinding
{
    /// <summary>The pod's claims; <paramref name="problem"/> is the PreFilter's words when one is missing or unbound and immediate.</summary>
    public static List<JsonObject> Claims(IObjectStore store, JsonObject pod, out string? problem)
    {
        problem = null;
        var claims = new List<JsonObject>();
        foreach (var name in pod.Arr("spec", "volumes").Objects().Select(v => v.Str("persistentVolumeClaim", "claimName")).OfType<string>())
        {
            var claim = store.Get(PersistentVolumeController.Claims, pod.Namespace(), name);
            if (claim is null)
            {
                problem = $"persistentvolumeclaim \"{name}\" not found";
                return claims;
            }

            if (claim.At("metadata", "deletionTimestamp") is not null)
            {
                problem = $"persistentvolumeclaim \"{name}\" is being deleted";
                return claims;
            }

            if (string.IsNullOrEmpty(claim.Str("spec", "volumeName")) && !WaitsForConsumer(store, claim))
            {
                problem = "pod has unbound immediate PersistentVolumeClaims";
            }

            claims.Add(claim);
        }

        return claims;
    }

    /// <summary>Whether every bound claim's volume may be used on the node (its node affinity).</summary>
    public static bool Fits(IObjectStore store, List<JsonObject> claims, JsonObject node)
    {
        foreach (var claim in claims.Where(c => !string.IsNullOrEmpty(c.Str("spec", "volumeName"))))
        {
            var terms = store.Get(PersistentVolumeController.Volumes, null, claim.Str("spec", "volumeName")!)
                ?.Obj("spec", "nodeAffinity", "required");
            if (terms is not null && !NodeAffinity.Matches(new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["affinity"] = new JsonObject { ["nodeAffinity"] = new JsonObject { ["requiredDuringSchedulingIgnoredDuringExecution"] = terms.DeepClone() } },
                    },
                }, node))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether a claim still waits for its volume: the scheduler names the chosen node on each such claim (the
    /// provisioner makes the volume there) and the pod binds once they are all bound.
    /// </summary>
    public static bool AwaitsProvisioning(IObjectStore store, List<JsonObject> claims, string node)
    {
        var waiting = false;
        foreach (var claim in claims.Where(c => string.IsNullOrEmpty(c.Str("spec", "volumeName"))))
        {
            waiting = true;
            if (claim.Str("metadata", "annotations", PersistentVolumeController.SelectedNodeAnnotation) != node)
            {
                claim.Ensure("metadata").Ensure("annotations")[PersistentVolumeController.SelectedNodeAnnotation] = node;
                store.Update(PersistentVolumeController.Claims, claim.Namespace(), claim);
            }
        }

        return waiting;
    }

    private static bool WaitsForConsumer(IObjectStore store, JsonObject claim) =>
        claim.Str("spec", "storageClassName") is { Length: > 0 } className
        && store.Get(PersistentVolumeController.Classes, null, className)?.Str("volumeBindingMode") == "WaitForFirstConsumer";
}
