namespace Labs.Cluster.Schema.Types;

/// <summary>core/v1 Volume and the common volume sources (the legacy ones are in LegacyVolumeTypes).</summary>
internal static class VolumeTypes
{
    public const string Text = """
P core.v1
T Volume | A named volume in a pod that containers can mount.
  name 1 s ! | Name of the volume, a DNS label unique within the pod.
  source 2 VolumeSource ^ | Where the volume comes from.
T VolumeSource | The location and type of a volume; exactly one source.
  hostPath 1 HostPathVolumeSource * | A file or directory on the host.
  emptyDir 2 EmptyDirVolumeSource * | A temporary directory sharing the pod's lifetime.
  gcePersistentDisk 3 GCEPersistentDiskVolumeSource * | Deprecated: a GCE persistent disk.
  awsElasticBlockStore 4 AWSElasticBlockStoreVolumeSource * | Deprecated: an AWS EBS disk.
  gitRepo 5 GitRepoVolumeSource * | Deprecated: a git repository.
  secret 6 SecretVolumeSource * | A Secret.
  nfs 7 NFSVolumeSource * | An NFS mount.
  iscsi 8 ISCSIVolumeSource * | An iSCSI disk.
  glusterfs 9 GlusterfsVolumeSource * | Deprecated: a Glusterfs mount.
  persistentVolumeClaim 10 PersistentVolumeClaimVolumeSource * | A PersistentVolumeClaim in the same namespace.
  rbd 11 RBDVolumeSource * | Deprecated: a Rados block device.
  flexVolume 12 FlexVolumeSource * | A volume from an exec-based plugin.
  cinder 13 CinderVolumeSource * | Deprecated: a Cinder volume.
  cephfs 14 CephFSVolumeSource * | Deprecated: a CephFS mount.
  flocker 15 FlockerVolumeSource * | Deprecated: a Flocker dataset.
  downwardAPI 16 DownwardAPIVolumeSource * | Information about the pod.
  fc 17 FCVolumeSource * | A Fibre Channel volume.
  azureFile 18 AzureFileVolumeSource * | Deprecated: an Azure File share.
  configMap 19 ConfigMapVolumeSource * | A ConfigMap.
  vsphereVolume 20 VsphereVirtualDiskVolumeSource * | Deprecated: a vSphere volume.
  quobyte 21 QuobyteVolumeSource * | Deprecated: a Quobyte mount.
  azureDisk 22 AzureDiskVolumeSource * | Deprecated: an Azure data disk.
  photonPersistentDisk 23 PhotonPersistentDiskVolumeSource * | Deprecated: a Photon disk.
  projected 26 ProjectedVolumeSource * | Several sources projected into one directory.
  portworxVolume 24 PortworxVolumeSource * | Deprecated: a Portworx volume.
  scaleIO 25 ScaleIOVolumeSource * | Deprecated: a ScaleIO volume.
  storageos 27 StorageOSVolumeSource * | Deprecated: a StorageOS volume.
  csi 28 CSIVolumeSource * | A CSI driver volume.
  ephemeral 29 EphemeralVolumeSource * | A generic ephemeral volume backed by a PVC.
  image 30 ImageVolumeSource * | An OCI image or artifact.
T HostPathVolumeSource | A host path mapped into a pod.
  path 1 s ! | Path on the host.
  type 2 s * | Type of the host path, e.g. Directory or File.
T EmptyDirVolumeSource | An empty directory for a pod.
  medium 1 s | Storage medium: "" (node default) or Memory.
  sizeLimit 2 q * | Total local storage allowed.
T SecretVolumeSource | A Secret as a volume.
  secretName 1 s | Name of the Secret.
  items 2 []KeyToPath | Keys to project and their paths.
  defaultMode 3 i32 * | Mode bits for created files; defaults to 0644.
  optional 4 b * | Whether the Secret must exist.
T ConfigMapVolumeSource | A ConfigMap as a volume.
  localObjectReference 1 LocalObjectReference ^ | The ConfigMap.
  items 2 []KeyToPath | Keys to project and their paths.
  defaultMode 3 i32 * | Mode bits for created files; defaults to 0644.
  optional 4 b * | Whether the ConfigMap must exist.
T KeyToPath | Maps a key to a path in a volume.
  key 1 s ! | The key to project.
  path 2 s ! | Relative path of the file.
  mode 3 i32 * | Mode bits of the file.
T PersistentVolumeClaimVolumeSource | A reference to a PersistentVolumeClaim.
  claimName 1 s ! | Name of the claim.
  readOnly 2 b | Force read-only mounts.
T DownwardAPIVolumeSource | Pod information as files.
  items 1 []DownwardAPIVolumeFile | Files to create.
  defaultMode 2 i32 * | Mode bits for created files; defaults to 0644.
T DownwardAPIVolumeFile | One file with pod information.
  path 1 s ! | Relative path of the file.
  fieldRef 2 ObjectFieldSelector * | A field of the pod.
  resourceFieldRef 3 ResourceFieldSelector * | A resource of a container.
  mode 4 i32 * | Mode bits of the file.
T ProjectedVolumeSource | Several volume sources in one directory.
  sources 1 []VolumeProjection | The projections.
  defaultMode 2 i32 * | Mode bits for created files.
T VolumeProjection | One projection.
  secret 1 SecretProjection * | A Secret.
  downwardAPI 2 DownwardAPIProjection * | Pod information.
  configMap 3 ConfigMapProjection * | A ConfigMap.
  serviceAccountToken 4 ServiceAccountTokenProjection * | A service account token.
  clusterTrustBundle 5 ClusterTrustBundleProjection * | ClusterTrustBundle objects.
T SecretProjection | A Secret projected into a volume.
  localObjectReference 1 LocalObjectReference ^ | The Secret.
  items 2 []KeyToPath | Keys to project.
  optional 4 b * | Whether the Secret must exist.
T ConfigMapProjection | A ConfigMap projected into a volume.
  localObjectReference 1 LocalObjectReference ^ | The ConfigMap.
  items 2 []KeyToPath | Keys to project.
  optional 4 b * | Whether the ConfigMap must exist.
T DownwardAPIProjection | Pod information projected into a volume.
  items 1 []DownwardAPIVolumeFile | Files to create.
T ServiceAccountTokenProjection | A service account token projected into a volume.
  audience 1 s | Intended audience of the token.
  expirationSeconds 2 i64 * | Requested lifetime; defaults to 1 hour.
  path 3 s ! | Relative path of the token file.
""";
}
