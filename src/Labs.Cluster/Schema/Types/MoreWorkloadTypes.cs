namespace Labs.Cluster.Schema.Types;

/// <summary>apps/v1 DaemonSet and StatefulSet; core/v1 PersistentVolumeClaim, LimitRange, Endpoints; NetworkPolicy; StorageClass.</summary>
internal static class MoreWorkloadTypes
{
    public const string Text = """
P apps.v1
T DaemonSet gvk=apps/v1/DaemonSet | DaemonSet runs a copy of a pod on each eligible node.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 DaemonSetSpec | Desired behavior of the daemon set.
  status 3 DaemonSetStatus | Current status of the daemon set.
T DaemonSetSpec | The specification of a daemon set.
  selector 1 meta.LabelSelector * ! | Label query over pods managed by the daemon set.
  template 2 core.v1.PodTemplateSpec ! | The pods to run on each node.
  updateStrategy 3 DaemonSetUpdateStrategy | How to replace existing pods.
  minReadySeconds 4 i32 | Seconds a new pod must be ready to be considered available.
  revisionHistoryLimit 6 i32 * | Old histories to retain for rollback; defaults to 10.
T DaemonSetUpdateStrategy | How daemon set pods are replaced.
  type 1 s | RollingUpdate (default) or OnDelete.
  rollingUpdate 2 RollingUpdateDaemonSet * | Rolling update parameters.
T RollingUpdateDaemonSet | Rolling update of a daemon set.
  maxUnavailable 1 ios * | Maximum pods unavailable during the update.
  maxSurge 2 ios * | Maximum extra pods during the update.
T DaemonSetStatus | The current status of a daemon set.
  currentNumberScheduled 1 i32 ! | Nodes running at least one daemon pod that should.
  numberMisscheduled 2 i32 ! | Nodes running the daemon pod that should not.
  desiredNumberScheduled 3 i32 ! | Nodes that should run the daemon pod.
  numberReady 4 i32 ! | Nodes with a ready daemon pod.
  observedGeneration 5 i64 | Most recent generation observed.
  updatedNumberScheduled 6 i32 | Nodes running the updated daemon pod.
  numberAvailable 7 i32 | Nodes with an available daemon pod.
  numberUnavailable 8 i32 | Nodes without an available daemon pod.
  collisionCount 9 i32 * | Count of hash collisions.
  conditions 10 []DaemonSetCondition mk=type ps=merge | Latest observations.
T DaemonSetCondition | A condition of a daemon set.
  type 1 s ! | Type of condition.
  status 2 s ! | True, False or Unknown.
  lastTransitionTime 3 time | Last transition.
  reason 4 s | Reason for the last transition.
  message 5 s | Human-readable details.
T StatefulSet gvk=apps/v1/StatefulSet | StatefulSet maintains pods with stable identities and storage.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 StatefulSetSpec | Desired identities of pods in the set.
  status 3 StatefulSetStatus | Current status of the set.
T StatefulSetSpec | The specification of a stateful set.
  replicas 1 i32 * | Desired number of replicas; defaults to 1.
  selector 2 meta.LabelSelector * ! | Label query over pods.
  template 3 core.v1.PodTemplateSpec ! | The pods to create.
  volumeClaimTemplates 4 []core.v1.PersistentVolumeClaim | Claims each pod may reference.
  serviceName 5 s | Service governing the set's network identity.
  podManagementPolicy 6 s | OrderedReady (default) or Parallel.
  updateStrategy 7 StatefulSetUpdateStrategy | How pods are updated.
  revisionHistoryLimit 8 i32 * | Revisions to keep; defaults to 10.
  minReadySeconds 9 i32 | Seconds a new pod must be ready to be considered available.
  persistentVolumeClaimRetentionPolicy 10 StatefulSetPersistentVolumeClaimRetentionPolicy * | Lifecycle of claims from templates.
  ordinals 11 StatefulSetOrdinals * | Ordinal numbering of replicas.
T StatefulSetUpdateStrategy | How a stateful set is updated.
  type 1 s | RollingUpdate (default) or OnDelete.
  rollingUpdate 2 RollingUpdateStatefulSetStrategy * | Rolling update parameters.
T RollingUpdateStatefulSetStrategy | Rolling update of a stateful set.
  partition 1 i32 * | Ordinal at which to partition the update.
  maxUnavailable 2 ios * | Maximum pods unavailable during the update.
T StatefulSetPersistentVolumeClaimRetentionPolicy | What happens to claims when pods go away.
  whenDeleted 1 s | Retain (default) or Delete when the set is deleted.
  whenScaled 2 s | Retain (default) or Delete when the set scales down.
T StatefulSetOrdinals | Ordinal numbering.
  start 1 i32 | First replica index.
T StatefulSetStatus | The current state of a stateful set.
  observedGeneration 1 i64 | Most recent generation observed.
  replicas 2 i32 ! | Pods created by the controller.
  readyReplicas 3 i32 | Pods with a Ready condition.
  currentReplicas 4 i32 | Pods at currentRevision.
  updatedReplicas 5 i32 | Pods at updateRevision.
  currentRevision 6 s | Revision used for pods below the partition.
  updateRevision 7 s | Revision used for updated pods.
  collisionCount 9 i32 * | Count of hash collisions.
  conditions 10 []StatefulSetCondition mk=type ps=merge | Latest observations.
  availableReplicas 11 i32 | Available pods.
T StatefulSetCondition | A condition of a stateful set.
  type 1 s ! | Type of condition.
  status 2 s ! | True, False or Unknown.
  lastTransitionTime 3 time | Last transition.
  reason 4 s | Reason for the last transition.
  message 5 s | Human-readable details.
P core.v1
T PersistentVolumeClaim gvk=/v1/PersistentVolumeClaim | A user's request for and claim to a persistent volume.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 PersistentVolumeClaimSpec | The desired characteristics of the volume.
  status 3 PersistentVolumeClaimStatus | The current status of the claim.
T PersistentVolumeClaimStatus | The current status of a claim.
  phase 1 s | Pending, Bound or Lost.
  accessModes 2 []s | Actual access modes of the volume.
  capacity 3 {}q | Actual resources of the volume.
  conditions 4 []PersistentVolumeClaimCondition mk=type ps=merge | Current conditions.
  allocatedResources 5 {}q | Resources allocated to the claim.
  allocatedResourceStatuses 7 {}s | Status of resize operations.
  currentVolumeAttributesClassName 8 s * | Current VolumeAttributesClass.
  modifyVolumeStatus 9 ModifyVolumeStatus * | Status of a volume modification.
T PersistentVolumeClaimCondition | A condition of a claim.
  type 1 s ! | Type of condition.
  status 2 s ! | True, False or Unknown.
  lastProbeTime 3 time | Last probe.
  lastTransitionTime 4 time | Last transition.
  reason 5 s | Reason for the last transition.
  message 6 s | Human-readable details.
T ModifyVolumeStatus | Status of a ControllerModifyVolume operation.
  targetVolumeAttributesClassName 1 s | Target VolumeAttributesClass.
  status 2 s ! | Pending, InProgress or Infeasible.
T LimitRange gvk=/v1/LimitRange | Resource usage limits per kind of resource in a namespace.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 LimitRangeSpec | The limits enforced.
T LimitRangeSpec | The limits of a LimitRange.
  limits 1 []LimitRangeItem ! | Limits enforced.
T LimitRangeItem | Min/max limits for one kind of resource.
  type 1 s ! | Container, Pod or PersistentVolumeClaim.
  max 2 {}q | Maximum usage per resource.
  min 3 {}q | Minimum usage per resource.
  default 4 {}q | Default limits.
  defaultRequest 5 {}q | Default requests.
  maxLimitRequestRatio 6 {}q | Maximum limit/request ratio.
T Endpoints gvk=/v1/Endpoints | The endpoints that implement a service.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  subsets 2 []EndpointSubset | Sets of addresses and ports.
T EndpointSubset | Addresses with a common set of ports.
  addresses 1 []EndpointAddress | Ready addresses.
  notReadyAddresses 2 []EndpointAddress | Addresses not yet ready.
  ports 3 []EndpointPort | Port numbers.
T EndpointAddress | A single IP address.
  ip 1 s ! | The IP.
  hostname 3 s | Hostname of the endpoint.
  nodeName 4 s * | Node hosting the endpoint.
  targetRef 2 ObjectReference * | Object providing the endpoint.
T EndpointPort | A port of an endpoint.
  name 1 s | Port name.
  port 2 i32 ! | Port number.
  protocol 3 s | TCP, UDP or SCTP.
  appProtocol 4 s * | Application protocol.
T TopologySelectorTerm | A topology selector term.
  matchLabelExpressions 1 []TopologySelectorLabelRequirement | Label requirements.
T TopologySelectorLabelRequirement | A topology label requirement.
  key 1 s ! | Label key.
  values 2 []s ! | Label values.
P networking.v1
T NetworkPolicy gvk=networking.k8s.io/v1/NetworkPolicy | Allowed network traffic for a set of pods.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 NetworkPolicySpec | The desired policy.
T NetworkPolicySpec | The specification of a network policy.
  podSelector 1 meta.LabelSelector | Pods the policy applies to; empty selects all pods in the namespace.
  ingress 2 []NetworkPolicyIngressRule | Allowed ingress traffic.
  egress 3 []NetworkPolicyEgressRule | Allowed egress traffic.
  policyTypes 4 []s | Ingress, Egress or both.
T NetworkPolicyIngressRule | Traffic allowed into the selected pods.
  ports 1 []NetworkPolicyPort | Allowed ports.
  from 2 []NetworkPolicyPeer | Allowed sources.
T NetworkPolicyEgressRule | Traffic allowed out of the selected pods.
  ports 1 []NetworkPolicyPort | Allowed ports.
  to 2 []NetworkPolicyPeer | Allowed destinations.
T NetworkPolicyPort | A port allowed by a policy.
  protocol 1 s * | TCP (default), UDP or SCTP.
  port 2 ios * | Port number or name.
  endPort 3 i32 * | End of a port range.
T NetworkPolicyPeer | A peer allowed by a policy.
  podSelector 1 meta.LabelSelector * | Pods to allow.
  namespaceSelector 2 meta.LabelSelector * | Namespaces to allow.
  ipBlock 3 IPBlock * | CIDR range to allow.
T IPBlock | A CIDR range.
  cidr 1 s ! | The CIDR.
  except 2 []s | CIDRs excluded.
P storage.v1
T StorageClass gvk=storage.k8s.io/v1/StorageClass | A class of dynamically provisioned persistent volumes.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  provisioner 2 s ! | Name of the provisioner.
  parameters 3 {}s | Provisioner parameters.
  reclaimPolicy 4 s * | Delete (default) or Retain.
  mountOptions 5 []s | Mount options of provisioned volumes.
  allowVolumeExpansion 6 b * | Whether volumes can be expanded.
  volumeBindingMode 7 s * | Immediate (default) or WaitForFirstConsumer.
  allowedTopologies 8 []core.v1.TopologySelectorTerm | Topologies where volumes may be provisioned.
""";
}
