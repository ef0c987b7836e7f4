using k8s;
using k8s.Models;

namespace Labs.Conformance.Tests.Client;

public static partial class Contracts
{
    private const string StorageGroup = "storage.k8s.io";

    private static Dictionary<string, ResourceQuantity> Storage(string size) => new() { ["storage"] = new ResourceQuantity(size) };

    private static readonly KindContract[] s_storage =
    [
        new KindContractOf<V1PersistentVolumeClaim, V1PersistentVolumeClaimList>
        {
            Group = "", Plural = "persistentvolumeclaims", KindName = "PersistentVolumeClaim", Namespaced = true,
            Manifest = (ns, name) => new V1PersistentVolumeClaim
            {
                ApiVersion = "v1", Kind = "PersistentVolumeClaim", Metadata = Meta(name, ns),
                Spec = new V1PersistentVolumeClaimSpec { AccessModes = ["ReadWriteOnce"], Resources = new V1VolumeResourceRequirements { Requests = Storage("1Gi") } },
            },
            Create = (k, o, ns, c) => k.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.CoreV1.ListNamespacedPersistentVolumeClaimAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.CoreV1.WatchListNamespacedPersistentVolumeClaimAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.CoreV1.PatchNamespacedPersistentVolumeClaimAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.CoreV1.DeleteNamespacedPersistentVolumeClaimAsync(n, ns, cancellationToken: c),
        },
        new KindContractOf<V1PersistentVolume, V1PersistentVolumeList>
        {
            Group = "", Plural = "persistentvolumes", KindName = "PersistentVolume", Namespaced = false,
            Manifest = (_, name) => new V1PersistentVolume
            {
                ApiVersion = "v1", Kind = "PersistentVolume", Metadata = Meta(name),
                Spec = new V1PersistentVolumeSpec { Capacity = Storage("1Gi"), AccessModes = ["ReadWriteOnce"], HostPath = new V1HostPathVolumeSource { Path = "/srv/contract" } },
            },
            Create = (k, o, _, c) => k.CoreV1.CreatePersistentVolumeAsync(o, cancellationToken: c),
            Read = (k, _, n, c) => k.CoreV1.ReadPersistentVolumeAsync(n, cancellationToken: c),
            List = (k, _, c) => k.CoreV1.ListPersistentVolumeAsync(cancellationToken: c),
            Watch = (k, _, f, c) => k.CoreV1.WatchListPersistentVolumeAsync(fieldSelector: f, cancellationToken: c),
            Patch = (k, p, _, n, c) => k.CoreV1.PatchPersistentVolumeAsync(p, n, cancellationToken: c),
            Delete = async (k, _, n, c) => await k.CoreV1.DeletePersistentVolumeAsync(n, cancellationToken: c),
        },
        new KindContractOf<V1StorageClass, V1StorageClassList>
        {
            Group = StorageGroup, Plural = "storageclasses", KindName = "StorageClass", Namespaced = false,
            Manifest = (_, name) => new V1StorageClass
            {
                ApiVersion = $"{StorageGroup}/v1", Kind = "StorageClass", Metadata = Meta(name), Provisioner = "example.com/contract",
                Parameters = new Dictionary<string, string> { ["tier"] = "fast" }, AllowVolumeExpansion = true,
            },
            Create = (k, o, _, c) => k.StorageV1.CreateStorageClassAsync(o, cancellationToken: c),
            Read = (k, _, n, c) => k.StorageV1.ReadStorageClassAsync(n, cancellationToken: c),
            List = (k, _, c) => k.StorageV1.ListStorageClassAsync(cancellationToken: c),
            Watch = (k, _, f, c) => k.StorageV1.WatchListStorageClassAsync(fieldSelector: f, cancellationToken: c),
            Patch = (k, p, _, n, c) => k.StorageV1.PatchStorageClassAsync(p, n, cancellationToken: c),
            Delete = async (k, _, n, c) => await k.StorageV1.DeleteStorageClassAsync(n, cancellationToken: c),
        },
        new KindContractOf<V1CSIDriver, V1CSIDriverList>
        {
            Group = StorageGroup, Plural = "csidrivers", KindName = "CSIDriver", Namespaced = false,
            Manifest = (_, name) => new V1CSIDriver { ApiVersion = $"{StorageGroup}/v1", Kind = "CSIDriver", Metadata = Meta(name), Spec = new V1CSIDriverSpec { AttachRequired = false } },
            Create = (k, o, _, c) => k.StorageV1.CreateCSIDriverAsync(o, cancellationToken: c),
            Read = (k, _, n, c) => k.StorageV1.ReadCSIDriverAsync(n, cancellationToken: c),
            List = (k, _, c) => k.StorageV1.ListCSIDriverAsync(cancellationToken: c),
            Watch = (k, _, f, c) => k.StorageV1.WatchListCSIDriverAsync(fieldSelector: f, cancellationToken: c),
            Patch = (k, p, _, n, c) => k.StorageV1.PatchCSIDriverAsync(p, n, cancellationToken: c),
            Delete = async (k, _, n, c) => await k.StorageV1.DeleteCSIDriverAsync(n, cancellationToken: c),
        },
        new KindContractOf<V1VolumeAttachment, V1VolumeAttachmentList>
        {
            Group = StorageGroup, Plural = "volumeattachments", KindName = "VolumeAttachment", Namespaced = false,
            Manifest = (_, name) => new V1VolumeAttachment
            {
                ApiVersion = $"{StorageGroup}/v1", Kind = "VolumeAttachment", Metadata = Meta(name),
                Spec = new V1VolumeAttachmentSpec { Attacher = "example.com/contract", NodeName = "node-1", Source = new V1VolumeAttachmentSource { PersistentVolumeName = "pv-contract" } },
            },
            Create = (k, o, _, c) => k.StorageV1.CreateVolumeAttachmentAsync(o, cancellationToken: c),
            Read = (k, _, n, c) => k.StorageV1.ReadVolumeAttachmentAsync(n, cancellationToken: c),
            List = (k, _, c) => k.StorageV1.ListVolumeAttachmentAsync(cancellationToken: c),
            Watch = (k, _, f, c) => k.StorageV1.WatchListVolumeAttachmentAsync(fieldSelector: f, cancellationToken: c),
            Patch = (k, p, _, n, c) => k.StorageV1.PatchVolumeAttachmentAsync(p, n, cancellationToken: c),
            Delete = async (k, _, n, c) => await k.StorageV1.DeleteVolumeAttachmentAsync(n, cancellationToken: c),
        },
    ];
}
