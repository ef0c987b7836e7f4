namespace Labs.Cluster.Schema.Types;

/// <summary>
/// The smaller kinds: ReplicationController, PodTemplate, ControllerRevision, events.k8s.io Event, IngressClass,
/// CSIDriver, VolumeAttachment and Lease.
/// </summary>
internal static class ClusterKindTypes
{
    public const string Text = """
P core.v1
T ReplicationController gvk=/v1/ReplicationController | Keeps a number of pod replicas running (the predecessor of ReplicaSet).
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 ReplicationControllerSpec | Desired behavior of the controller.
  status 3 ReplicationControllerStatus | Most recently observed status.
T ReplicationControllerSpec | The desired replicas and their template.
  replicas 1 i32 * | Desired number of pods; defaults to 1.
  minReadySeconds 4 i32 | Seconds a new pod must be ready to count as available.
  selector 2 {}s | Labels of the pods it manages; defaults to the template's labels.
  template 3 PodTemplateSpec * | The pods to create.
T ReplicationControllerStatus | The observed replicas.
  replicas 1 i32 ! | Most recently observed number of replicas.
  fullyLabeledReplicas 2 i32 | Pods with the labels of the template.
  readyReplicas 4 i32 | Ready pods.
  availableReplicas 5 i32 | Pods ready for at least minReadySeconds.
  observedGeneration 3 i64 | Generation the status reflects.
  conditions 6 []ReplicationControllerCondition mk=type ps=merge | Latest observations.
T ReplicationControllerCondition | A condition of a replication controller.
  type 1 s ! | Type of condition.
  status 2 s ! | True, False or Unknown.
  lastTransitionTime 3 time | Last transition.
  reason 4 s | Reason for the last transition.
  message 5 s | Human-readable details.
T PodTemplate gvk=/v1/PodTemplate | A stored pod template that other objects can copy.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  template 2 PodTemplateSpec | The pods this template describes.
P apps.v1
T ControllerRevision gvk=apps/v1/ControllerRevision | An immutable snapshot of state, kept by DaemonSets and StatefulSets for rollback.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  data 2 raw | The serialized state.
  revision 3 i64 !schema | Revision number of the data.
P events.v1
T Event gvk=events.k8s.io/v1/Event | A report of an event somewhere in the cluster.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  eventTime 2 mtime ! | When the event was first observed.
  series 3 EventSeries * | Data about a series of repeated events.
  reportingController 4 s | Controller that emitted the event, e.g. kubernetes.io/kubelet.
  reportingInstance 5 s | Instance of the controller, e.g. kubelet-node-1.
  action 6 s | What was done, or failed, to the regarding object.
  reason 7 s | Why the action was taken, in CamelCase.
  regarding 8 core.v1.ObjectReference | The object the event is about.
  related 9 core.v1.ObjectReference * | A second object involved.
  note 10 s | Human-readable description of the status of this operation.
  type 11 s | Normal or Warning.
  deprecatedSource 12 core.v1.EventSource | The core/v1 source field.
  deprecatedFirstTimestamp 13 time | The core/v1 firstTimestamp field.
  deprecatedLastTimestamp 14 time | The core/v1 lastTimestamp field.
  deprecatedCount 15 i32 | The core/v1 count field.
T EventSeries | A series of repeated events.
  count 1 i32 ! | Number of occurrences so far.
  lastObservedTime 2 mtime ! | When the last one happened.
P networking.v1
T IngressClass gvk=networking.k8s.io/v1/IngressClass | The controller that implements Ingresses naming this class.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 IngressClassSpec | The controller and its parameters.
T IngressClassSpec | An ingress controller and its parameters.
  controller 1 s | Name of the controller, e.g. example.com/ingress-controller.
  parameters 2 IngressClassParametersReference * | An object holding the controller's configuration.
T IngressClassParametersReference | The object holding a controller's configuration.
  apiGroup 1 s * | API group of the object.
  kind 2 s ! | Kind of the object.
  name 3 s ! | Name of the object.
  scope 4 s * | Cluster (default) or Namespace.
  namespace 5 s * | Namespace of the object when scope is Namespace.
P storage.v1
T CSIDriver gvk=storage.k8s.io/v1/CSIDriver | A CSI volume driver deployed on the cluster and how Kubernetes talks to it.
  metadata 1 meta.ObjectMeta | Standard object metadata; the name is the driver's name.
  spec 2 CSIDriverSpec !schema | How the driver is called.
T CSIDriverSpec | How Kubernetes calls a CSI driver.
  attachRequired 1 b * | Whether volumes must be attached before mounting.
  podInfoOnMount 2 b * | Whether mount calls receive the pod's name, namespace, uid and service account.
  volumeLifecycleModes 3 []s | Persistent and/or Ephemeral.
  storageCapacity 4 b * | Whether the scheduler considers reported storage capacity.
  fsGroupPolicy 5 s * | ReadWriteOnceWithFSType, File or None.
  tokenRequests 6 []TokenRequest | Service account tokens passed to mount calls.
  requiresRepublish 7 b * | Whether mount calls are repeated periodically.
  seLinuxMount 8 b * | Whether the driver supports the SELinux -o context mount option.
T TokenRequest | A service account token a CSI driver receives.
  audience 1 s ! | Audience of the token.
  expirationSeconds 2 i64 * | Validity of the token.
T VolumeAttachment gvk=storage.k8s.io/v1/VolumeAttachment | A request to attach a volume to a node, or detach it.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 VolumeAttachmentSpec ! | The volume and the node.
  status 3 VolumeAttachmentStatus | Whether the attachment succeeded.
T VolumeAttachmentSpec | The volume to attach and where.
  attacher 1 s ! | Name of the volume driver.
  source 2 VolumeAttachmentSource ! | The volume.
  nodeName 3 s ! | The node to attach to.
T VolumeAttachmentSource | The volume of an attachment.
  persistentVolumeName 1 s * | Name of the PersistentVolume.
  inlineVolumeSpec 2 core.v1.PersistentVolumeSpec * | An inline volume of a pod, migrated to CSI.
T VolumeAttachmentStatus | The result of an attachment.
  attached 1 b ! | Whether the volume is attached.
  attachmentMetadata 2 {}s | Information the driver returned on attach.
  attachError 3 VolumeError * | The last error attaching.
  detachError 4 VolumeError * | The last error detaching.
T VolumeError | An error of an attach or detach.
  time 1 time | When it happened.
  message 2 s | What went wrong.
P coordination.v1
T Lease gvk=coordination.k8s.io/v1/Lease | A lease held by one holder at a time, e.g. a node's heartbeat or a leader election.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 LeaseSpec | The holder and timing of the lease.
T LeaseSpec | The holder and timing of a lease.
  holderIdentity 1 s * | Identity of the current holder.
  leaseDurationSeconds 2 i32 * | How long candidates wait before taking the lease over.
  acquireTime 3 mtime * | When the current holder acquired the lease.
  renewTime 4 mtime * | When the holder last renewed it.
  leaseTransitions 5 i32 * | How many times the holder changed.
  strategy 6 s * | Coordinated leader election strategy.
  preferredHolder 7 s * | The holder that should take over.
""";
}
