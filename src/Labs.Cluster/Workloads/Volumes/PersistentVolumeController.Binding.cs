using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads.Volumes;

/// <summary>Binding a claim and a volume both ways, provisioning a volume for a claim, and reclaiming a released one.</summary>
internal sealed partial class PersistentVolumeController
{
    private const string BoundByController = "pv.kubernetes.io/bound-by-controller";
    private static readonly EventRecorder.Source LocalPath = new("rancher.io/local-path_local-path-provisioner");

    /// <summary>bind: the volume's claimRef, its phase Bound, then the claim's volumeName and its Bound status.</summary>
    private void Bind(JsonObject claim, JsonObject pv)
    {
        if (pv.Str("spec", "claimRef", "uid") != claim.Uid())
        {
            var byController = pv.Obj("spec", "claimRef") is null;
            pv.Ensure("spec")["claimRef"] = ClaimRef(claim);
            if (byController)
            {
                pv.Ensure("metadata").Ensure("annotations")[BoundByController] = "yes";
            }

            pv = store.Update(Volumes, null, pv);
        }

        SetPhase(pv, "Bound");
        var annotations = claim.Ensure("metadata").Ensure("annotations");
        if (claim.Str("spec", "volumeName") != pv.Name() || annotations.Str("pv.kubernetes.io/bind-completed") != "yes")
        {
            if (string.IsNullOrEmpty(claim.Str("spec", "volumeName")))
            {
                annotations[BoundByController] = "yes";
            }

            annotations["pv.kubernetes.io/bind-completed"] = "yes";
            claim.Ensure("spec")["volumeName"] = pv.Name();
            claim = store.Update(Claims, claim.Namespace(), claim);
        }

        var status = new JsonObject
        {
            ["accessModes"] = pv.Arr("spec", "accessModes")?.DeepClone() ?? new JsonArray(),
            ["capacity"] = pv.Obj("spec", "capacity")?.DeepClone() ?? new JsonObject(),
            ["phase"] = "Bound",
        };
        if (!JsonNode.DeepEquals(claim.Obj("status"), status))
        {
            claim["status"] = status;
            store.UpdateStatus(Claims, claim.Namespace(), claim);
        }
    }

    /// <summary>
    /// What the local-path provisioner does for a claim: a hostPath volume <c>pvc-&lt;uid&gt;</c> of the requested size
    /// under /var/local-path-provisioner on the chosen node, pinned there by node affinity, pre-bound to the claim.
    /// </summary>
    private JsonObject Provision(JsonObject claim, JsonObject storageClass, string provisioner, string? node)
    {
        var name = "pvc-" + claim.Uid();
        if (store.Get(Volumes, null, name) is { } existing)
        {
            return existing;
        }

        var annotations = claim.Ensure("metadata").Ensure("annotations");
        if (annotations.Str("volume.kubernetes.io/storage-provisioner") != provisioner)
        {
            annotations["volume.beta.kubernetes.io/storage-provisioner"] = provisioner;
            annotations["volume.kubernetes.io/storage-provisioner"] = provisioner;
            claim = store.Update(Claims, claim.Namespace(), claim);
        }

        var claimName = $"{claim.Namespace()}/{claim.Name()}";
        events.Normal(claim, "ExternalProvisioning",
            $"Waiting for a volume to be created either by the external provisioner '{provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.", Source);
        events.Normal(claim, "Provisioning", $"External provisioner is provisioning volume for claim \"{claimName}\"", LocalPath);
        var spec = new JsonObject
        {
            ["accessModes"] = claim.Arr("spec", "accessModes")?.DeepClone() ?? new JsonArray("ReadWriteOnce"),
            ["capacity"] = new JsonObject { ["storage"] = claim.Str("spec", "resources", "requests", "storage") },
            ["claimRef"] = ClaimRef(claim),
            ["hostPath"] = new JsonObject { ["path"] = $"/var/local-path-provisioner/{name}_{claim.Namespace()}_{claim.Name()}", ["type"] = "DirectoryOrCreate" },
            ["persistentVolumeReclaimPolicy"] = storageClass.Str("reclaimPolicy") ?? "Delete",
            ["storageClassName"] = storageClass.Name(),
            ["volumeMode"] = claim.Str("spec", "volumeMode") ?? "Filesystem",
        };
        if (!string.IsNullOrEmpty(node))
        {
            spec["nodeAffinity"] = new JsonObject
            {
                ["required"] = new JsonObject
                {
                    ["nodeSelectorTerms"] = new JsonArray(new JsonObject
                    {
                        ["matchExpressions"] = new JsonArray(new JsonObject
                        {
                            ["key"] = "kubernetes.io/hostname", ["operator"] = "In", ["values"] = new JsonArray(node),
                        }),
                    }),
                },
            };
        }

        var pv = store.Create(Volumes, null, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "PersistentVolume",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["annotations"] = new JsonObject { ["pv.kubernetes.io/provisioned-by"] = provisioner },
            },
            ["spec"] = spec,
        });
        events.Normal(claim, "ProvisioningSucceeded", $"Successfully provisioned volume {name}", LocalPath);
        return pv;
    }

    private static JsonObject ClaimRef(JsonObject claim) => new()
    {
        ["kind"] = "PersistentVolumeClaim",
        ["namespace"] = claim.Namespace(),
        ["name"] = claim.Name(),
        ["uid"] = claim.Uid(),
        ["apiVersion"] = "v1",
        ["resourceVersion"] = claim.Str("metadata", "resourceVersion"),
    };

    /// <summary>The claim is gone: Retain keeps the volume, Released, for an administrator; Delete removes it.</summary>
    private void Reclaim(JsonObject pv)
    {
        if (pv.Str("spec", "persistentVolumeReclaimPolicy") == "Delete")
        {
            store.Delete(Volumes, null, pv.Name());
            return;
        }

        SetPhase(pv, "Released");
    }
}
