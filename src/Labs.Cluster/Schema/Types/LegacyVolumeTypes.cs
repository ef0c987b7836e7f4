namespace Labs.Cluster.Schema.Types;

/// <summary>The remaining (mostly legacy, in-tree) volume sources, so pods using them decode and validate completely.</summary>
internal static class LegacyVolumeTypes
{
    public const string Text = """
P core.v1
T GCEPersistentDiskVolumeSource | Deprecated: a GCE persistent disk.
  pdName 1 s ! | Name of the PD resource in GCE.
  fsType 2 s | Filesystem type to mount.
  partition 3 i32 | Partition to mount.
  readOnly 4 b | Mount read-only.
T AWSElasticBlockStoreVolumeSource | Deprecated: an AWS EBS disk.
  volumeID 1 s ! | Unique ID of the EBS volume.
  fsType 2 s | Filesystem type to mount.
  partition 3 i32 | Partition to mount.
  readOnly 4 b | Mount read-only.
T GitRepoVolumeSource | Deprecated: a git repository cloned into a directory.
  repository 1 s ! | Repository URL.
  revision 2 s | Commit hash.
  directory 3 s | Target directory name.
T NFSVolumeSource | An NFS mount.
  server 1 s ! | NFS server host name or IP.
  path 2 s ! | Exported path.
  readOnly 3 b | Mount read-only.
T ISCSIVolumeSource | An iSCSI disk.
  targetPortal 1 s ! | iSCSI target portal.
  iqn 2 s ! | Target iSCSI qualified name.
  lun 3 i32 ! | Target LUN number.
  iscsiInterface 4 s | iSCSI interface name.
  fsType 5 s | Filesystem type to mount.
  readOnly 6 b | Mount read-only.
  portals 7 []s | Target portal list.
  chapAuthDiscovery 8 b | Use CHAP discovery authentication.
  chapAuthSession 11 b | Use CHAP session authentication.
  secretRef 10 LocalObjectReference * | CHAP secret.
  initiatorName 12 s * | Custom initiator name.
T GlusterfsVolumeSource | Deprecated: a Glusterfs mount.
  endpoints 1 s ! | Endpoints name.
  path 2 s ! | Glusterfs volume path.
  readOnly 3 b | Mount read-only.
T RBDVolumeSource | Deprecated: a Rados block device.
  monitors 1 []s ! | Ceph monitors.
  image 2 s ! | Rados image name.
  fsType 3 s | Filesystem type to mount.
  pool 4 s | Rados pool name.
  user 5 s | Rados user name.
  keyring 6 s | Keyring path.
  secretRef 7 LocalObjectReference * | Authentication secret.
  readOnly 8 b | Mount read-only.
T FlexVolumeSource | A volume provisioned by an exec-based plugin.
  driver 1 s ! | Driver name.
  fsType 2 s | Filesystem type to mount.
  secretRef 3 LocalObjectReference * | Secret passed to the plugin.
  readOnly 4 b | Mount read-only.
  options 5 {}s | Extra command options.
T CinderVolumeSource | Deprecated: an OpenStack Cinder volume.
  volumeID 1 s ! | Cinder volume ID.
  fsType 2 s | Filesystem type to mount.
  readOnly 3 b | Mount read-only.
  secretRef 4 LocalObjectReference * | OpenStack connection secret.
T CephFSVolumeSource | Deprecated: a CephFS mount.
  monitors 1 []s ! | Ceph monitors.
  path 2 s | Mounted root.
  user 3 s | Rados user name.
  secretFile 4 s | Keyring path.
  secretRef 5 LocalObjectReference * | Authentication secret.
  readOnly 6 b | Mount read-only.
T FlockerVolumeSource | Deprecated: a Flocker dataset.
  datasetName 1 s | Dataset name.
  datasetUUID 2 s | Dataset UUID.
T FCVolumeSource | A Fibre Channel volume.
  targetWWNs 1 []s | Target world wide names.
  lun 2 i32 * | Target LUN number.
  fsType 3 s | Filesystem type to mount.
  readOnly 4 b | Mount read-only.
  wwids 5 []s | Volume world wide identifiers.
T AzureFileVolumeSource | Deprecated: an Azure File share.
  secretName 1 s ! | Secret with the account name and key.
  shareName 2 s ! | Share name.
  readOnly 3 b | Mount read-only.
T VsphereVirtualDiskVolumeSource | Deprecated: a vSphere volume.
  volumePath 1 s ! | Path of the volume.
  fsType 2 s | Filesystem type to mount.
  storagePolicyName 3 s | Storage policy name.
  storagePolicyID 4 s | Storage policy ID.
T QuobyteVolumeSource | Deprecated: a Quobyte mount.
  registry 1 s ! | Quobyte registries.
  volume 2 s ! | Volume name.
  readOnly 3 b | Mount read-only.
  user 4 s | User to map access to.
  group 5 s | Group to map access to.
  tenant 6 s | Tenant owning the volume.
T AzureDiskVolumeSource | Deprecated: an Azure data disk.
  diskName 1 s ! | Disk name.
  diskURI 2 s ! | Disk URI.
  cachingMode 3 s * | Host caching mode.
  fsType 4 s * | Filesystem type to mount.
  readOnly 5 b * | Mount read-only.
  kind 6 s * | Shared, Dedicated or Managed.
T PhotonPersistentDiskVolumeSource | Deprecated: a Photon Controller disk.
  pdID 1 s ! | Disk ID.
  fsType 2 s | Filesystem type to mount.
T PortworxVolumeSource | Deprecated: a Portworx volume.
  volumeID 1 s ! | Volume ID.
  fsType 2 s | Filesystem type to mount.
  readOnly 3 b | Mount read-only.
T ScaleIOVolumeSource | Deprecated: a ScaleIO volume.
  gateway 1 s ! | Gateway host.
  system 2 s ! | Storage system name.
  secretRef 3 LocalObjectReference * ! | Secret for the ScaleIO user.
  sslEnabled 4 b | Use SSL.
  protectionDomain 5 s | Protection domain.
  storagePool 6 s | Storage pool.
  storageMode 7 s | ThickProvisioned or ThinProvisioned.
  volumeName 8 s | Volume name.
  fsType 9 s | Filesystem type to mount.
  readOnly 10 b | Mount read-only.
T StorageOSVolumeSource | Deprecated: a StorageOS volume.
  volumeName 1 s | Volume name.
  volumeNamespace 2 s | Volume namespace.
  fsType 3 s | Filesystem type to mount.
  readOnly 4 b | Mount read-only.
  secretRef 5 LocalObjectReference * | API credentials secret.
T CSIVolumeSource | A volume handled by a CSI driver.
  driver 1 s ! | CSI driver name.
  readOnly 2 b * | Mount read-only.
  fsType 3 s * | Filesystem type to mount.
  volumeAttributes 4 {}s | Driver-specific properties.
  nodePublishSecretRef 5 LocalObjectReference * | Secret for NodePublishVolume.
T EphemeralVolumeSource | A volume backed by a PVC that lives as long as the pod.
  volumeClaimTemplate 1 PersistentVolumeClaimTemplate * | Template of the PVC.
T PersistentVolumeClaimTemplate | A PVC created from a template.
  metadata 1 meta.ObjectMeta | Labels and annotations of the PVC.
  spec 2 PersistentVolumeClaimSpec ! | Specification of the PVC.
T PersistentVolumeClaimSpec | Storage requested by a claim.
  accessModes 1 []s | Desired access modes.
  selector 4 meta.LabelSelector * | Label query over volumes.
  resources 2 VolumeResourceRequirements | Minimum resources the volume should have.
  volumeName 3 s | Binding reference to a PersistentVolume.
  storageClassName 5 s * | StorageClass name.
  volumeMode 6 s * | Block or Filesystem.
  dataSource 7 TypedLocalObjectReference * | Data source to populate from.
  dataSourceRef 8 TypedObjectReference * | Object to populate from.
  volumeAttributesClassName 9 s * | VolumeAttributesClass name.
T VolumeResourceRequirements | Storage resource requirements.
  limits 1 {}q | Maximum resources.
  requests 2 {}q | Minimum resources.
T TypedObjectReference | A typed reference to an object, possibly in another namespace.
  apiGroup 1 s * | API group of the referent.
  kind 2 s ! | Kind of the referent.
  name 3 s ! | Name of the referent.
  namespace 4 s * | Namespace of the referent.
T ImageVolumeSource | An OCI image or artifact as a volume.
  reference 1 s | Image reference.
  pullPolicy 2 s | Always, Never or IfNotPresent.
T ClusterTrustBundleProjection | ClusterTrustBundle objects projected into a file.
  name 1 s * | Select a bundle by name.
  signerName 2 s * | Select bundles by signer name.
  labelSelector 3 meta.LabelSelector * | Select bundles by labels.
  optional 5 b * | Allow no bundles to match.
  path 4 s ! | Relative path of the file.
T VolumeMountStatus | Status of a volume mount.
  name 1 s ! | Volume name.
  mountPath 2 s ! | Mount path.
  readOnly 3 b | Read-only mount.
  recursiveReadOnly 4 s * | Recursive read-only setting.
T ContainerUser | Identity of the container's first process.
  linux 1 LinuxContainerUser * | Linux identity.
T LinuxContainerUser | Linux user and groups.
  uid 1 i64 ! | Primary UID.
  gid 2 i64 ! | Primary GID.
  supplementalGroups 3 []i64 | Supplemental groups.
T ResourceStatus | Health of devices allocated for a resource.
  name 1 s ! | Resource name.
  resources 2 []ResourceHealth mk=resourceID ps=merge | Per-device health.
T ResourceHealth | Health of one device.
  resourceID 1 s ! | Device ID.
  health 2 s | Healthy, Unhealthy or Unknown.
""";
}
