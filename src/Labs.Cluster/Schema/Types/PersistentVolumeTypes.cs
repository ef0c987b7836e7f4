namespace Labs.Cluster.Schema.Types;

/// <summary>core/v1 PersistentVolume and its (cluster-scoped) volume sources.</summary>
internal static class PersistentVolumeTypes
{
    public const string Text = """
P core.v1
T PersistentVolume gvk=/v1/PersistentVolume | A piece of storage in the cluster provisioned by an administrator or a provisioner.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 PersistentVolumeSpec | Specification of the volume.
  status 3 PersistentVolumeStatus | Current status of the volume.
T PersistentVolumeSpec | The specification of a persistent volume.
  capacity 1 {}q | Capacity of the volume.
  source 2 PersistentVolumeSource ^ | The actual volume backing the persistent volume.
  accessModes 3 []s | Ways the volume can be mounted.
  claimRef 4 ObjectReference * | The claim bound to this volume.
  persistentVolumeReclaimPolicy 5 s | Retain, Delete or Recycle.
  storageClassName 6 s | StorageClass of the volume.
  mountOptions 7 []s | Mount options.
  volumeMode 8 s * | Block or Filesystem.
  nodeAffinity 9 VolumeNodeAffinity * | Nodes the volume can be accessed from.
  volumeAttributesClassName 10 s * | VolumeAttributesClass of the volume.
T VolumeNodeAffinity | Nodes a volume can be accessed from.
  required 1 NodeSelector * | Hard node requirements.
T PersistentVolumeSource | The source of a persistent volume; exactly one.
  gcePersistentDisk 1 GCEPersistentDiskVolumeSource * | Deprecated: a GCE persistent disk.
  awsElasticBlockStore 2 AWSElasticBlockStoreVolumeSource * | Deprecated: an AWS EBS disk.
  hostPath 3 HostPathVolumeSource * | A directory on the host (single-node testing only).
  glusterfs 4 GlusterfsPersistentVolumeSource * | Deprecated: a Glusterfs mount.
  nfs 5 NFSVolumeSource * | An NFS mount.
  rbd 6 RBDPersistentVolumeSource * | Deprecated: a Rados block device.
  iscsi 7 ISCSIPersistentVolumeSource * | An iSCSI disk.
  cinder 8 CinderPersistentVolumeSource * | Deprecated: a Cinder volume.
  cephfs 9 CephFSPersistentVolumeSource * | Deprecated: a CephFS mount.
  fc 10 FCVolumeSource * | A Fibre Channel volume.
  flocker 11 FlockerVolumeSource * | Deprecated: a Flocker dataset.
  flexVolume 12 FlexPersistentVolumeSource * | A volume from an exec-based plugin.
  azureFile 13 AzureFilePersistentVolumeSource * | Deprecated: an Azure File share.
  vsphereVolume 14 VsphereVirtualDiskVolumeSource * | Deprecated: a vSphere volume.
  quobyte 15 QuobyteVolumeSource * | Deprecated: a Quobyte mount.
  azureDisk 16 AzureDiskVolumeSource * | Deprecated: an Azure data disk.
  photonPersistentDisk 17 PhotonPersistentDiskVolumeSource * | Deprecated: a Photon disk.
  portworxVolume 18 PortworxVolumeSource * | Deprecated: a Portworx volume.
  scaleIO 19 ScaleIOPersistentVolumeSource * | Deprecated: a ScaleIO volume.
  local 20 LocalVolumeSource * | A local disk with node affinity.
  storageos 21 StorageOSPersistentVolumeSource * | Deprecated: a StorageOS volume.
  csi 22 CSIPersistentVolumeSource * | A CSI driver volume.
T PersistentVolumeStatus | The current status of a persistent volume.
  phase 1 s | Pending, Available, Bound, Released or Failed.
  message 2 s | Human-readable details.
  reason 3 s | Brief CamelCase reason.
  lastPhaseTransitionTime 4 time * | Time the phase last changed.
T SecretReference | A reference to a Secret in any namespace.
  name 1 s | Name of the Secret.
  namespace 2 s | Namespace of the Secret.
T LocalVolumeSource | A local disk.
  path 1 s ! | Full path to the volume on the node.
  fsType 2 s * | Filesystem type.
T GlusterfsPersistentVolumeSource | Deprecated: a Glusterfs mount.
  endpoints 1 s ! | Endpoints name.
  path 2 s ! | Glusterfs volume path.
  readOnly 3 b | Mount read-only.
  endpointsNamespace 4 s * | Namespace of the endpoints.
T RBDPersistentVolumeSource | Deprecated: a Rados block device.
  monitors 1 []s ! | Ceph monitors.
  image 2 s ! | Rados image name.
  fsType 3 s | Filesystem type to mount.
  pool 4 s | Rados pool name.
  user 5 s | Rados user name.
  keyring 6 s | Keyring path.
  secretRef 7 SecretReference * | Authentication secret.
  readOnly 8 b | Mount read-only.
T ISCSIPersistentVolumeSource | An iSCSI disk.
  targetPortal 1 s ! | iSCSI target portal.
  iqn 2 s ! | Target iSCSI qualified name.
  lun 3 i32 ! | Target LUN number.
  iscsiInterface 4 s | iSCSI interface name.
  fsType 5 s | Filesystem type to mount.
  readOnly 6 b | Mount read-only.
  portals 7 []s | Target portal list.
  chapAuthDiscovery 8 b | Use CHAP discovery authentication.
  chapAuthSession 11 b | Use CHAP session authentication.
  secretRef 10 SecretReference * | CHAP secret.
  initiatorName 12 s * | Custom initiator name.
T CinderPersistentVolumeSource | Deprecated: an OpenStack Cinder volume.
  volumeID 1 s ! | Cinder volume ID.
  fsType 2 s | Filesystem type to mount.
  readOnly 3 b | Mount read-only.
  secretRef 4 SecretReference * | OpenStack connection secret.
T CephFSPersistentVolumeSource | Deprecated: a CephFS mount.
  monitors 1 []s ! | Ceph monitors.
  path 2 s | Mounted root.
  user 3 s | Rados user name.
  secretFile 4 s | Keyring path.
  secretRef 5 SecretReference * | Authentication secret.
  readOnly 6 b | Mount read-only.
T FlexPersistentVolumeSource | A volume provisioned by an exec-based plugin.
  driver 1 s ! | Driver name.
  fsType 2 s | Filesystem type to mount.
  secretRef 3 SecretReference * | Secret passed to the plugin.
  readOnly 4 b | Mount read-only.
  options 5 {}s | Extra command options.
T AzureFilePersistentVolumeSource | Deprecated: an Azure File share.
  secretName 1 s ! | Secret with the account name and key.
  shareName 2 s ! | Share name.
  readOnly 3 b | Mount read-only.
  secretNamespace 4 s * | Namespace of the secret.
T ScaleIOPersistentVolumeSource | Deprecated: a ScaleIO volume.
  gateway 1 s ! | Gateway host.
  system 2 s ! | Storage system name.
  secretRef 3 SecretReference * ! | Secret for the ScaleIO user.
  sslEnabled 4 b | Use SSL.
  protectionDomain 5 s | Protection domain.
  storagePool 6 s | Storage pool.
  storageMode 7 s | ThickProvisioned or ThinProvisioned.
  volumeName 8 s | Volume name.
  fsType 9 s | Filesystem type to mount.
  readOnly 10 b | Mount read-only.
T StorageOSPersistentVolumeSource | Deprecated: a StorageOS volume.
  volumeName 1 s | Volume name.
  volumeNamespace 2 s | Volume namespace.
  fsType 3 s | Filesystem type to mount.
  readOnly 4 b | Mount read-only.
  secretRef 5 ObjectReference * | API credentials secret.
T CSIPersistentVolumeSource | A volume managed by a CSI driver.
  driver 1 s ! | CSI driver name.
  volumeHandle 2 s ! | Unique volume name from the driver.
  readOnly 3 b | Mount read-only.
  fsType 4 s | Filesystem type to mount.
  volumeAttributes 5 {}s | Attributes of the volume to publish.
  controllerPublishSecretRef 6 SecretReference * | Secret for ControllerPublishVolume.
  nodeStageSecretRef 7 SecretReference * | Secret for NodeStageVolume.
  nodePublishSecretRef 8 SecretReference * | Secret for NodePublishVolume.
  controllerExpandSecretRef 9 SecretReference * | Secret for ControllerExpandVolume.
  nodeExpandSecretRef 10 SecretReference * | Secret for NodeExpandVolume.
""";
}
