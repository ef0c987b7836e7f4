namespace Labs.Cluster.Schema.Types;

/// <summary>core/v1 Pod, PodSpec, PodStatus, PodTemplateSpec and scheduling types.</summary>
internal static class PodTypes
{
    public const string Text = """
P core.v1
T Pod gvk=/v1/Pod | A collection of containers that can run on a host.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 PodSpec | Specification of the desired behavior of the pod.
  status 3 PodStatus | Most recently observed status of the pod.
T PodTemplateSpec | Describes the data a pod should have when created from a template.
  metadata 1 meta.ObjectMeta | Standard object metadata of the pods.
  spec 2 PodSpec | Specification of the desired behavior of the pods.
T PodSpec | A description of a pod.
  volumes 1 []Volume mk=name ps=merge,retainKeys | Volumes that containers of the pod can mount.
  initContainers 20 []Container mk=name ps=merge | Containers run in order before the app containers start.
  containers 2 []Container ! mk=name ps=merge | Containers of the pod; at least one.
  ephemeralContainers 34 []EphemeralContainer mk=name ps=merge | Debugging containers added to a running pod.
  restartPolicy 3 s | Always (default), OnFailure or Never.
  terminationGracePeriodSeconds 4 i64 * | Seconds the pod needs to terminate gracefully; defaults to 30.
  activeDeadlineSeconds 5 i64 * | Seconds the pod may be active before the system kills it.
  dnsPolicy 6 s | ClusterFirst (default), ClusterFirstWithHostNet, Default or None.
  nodeSelector 7 {}s | Labels a node must have for the pod to be scheduled there.
  serviceAccountName 8 s | Name of the ServiceAccount used to run this pod.
  serviceAccount 9 s | Deprecated alias for serviceAccountName.
  automountServiceAccountToken 21 b * | Whether a service account token is mounted automatically.
  nodeName 10 s | Node the pod is bound to; set by the scheduler.
  hostNetwork 11 b | Use the host's network namespace.
  hostPID 12 b | Use the host's pid namespace.
  hostIPC 13 b | Use the host's ipc namespace.
  shareProcessNamespace 27 b * | Share a single process namespace between the pod's containers.
  securityContext 14 PodSecurityContext * | Pod-level security attributes.
  imagePullSecrets 15 []LocalObjectReference mk=name ps=merge | Secrets used to pull images.
  hostname 16 s | Hostname of the pod; defaults to the pod name.
  subdomain 17 s | Subdomain of the pod's fully qualified hostname.
  affinity 18 Affinity * | Scheduling constraints.
  schedulerName 19 s | Scheduler that dispatches the pod; defaults to default-scheduler.
  tolerations 22 []Toleration | Tolerations of node taints.
  hostAliases 23 []HostAlias mk=ip ps=merge | Entries added to the pod's hosts file.
  priorityClassName 24 s | Priority class of the pod.
  priority 25 i32 * | Priority value, resolved from priorityClassName.
  dnsConfig 26 PodDNSConfig * | DNS parameters of the pod.
  readinessGates 28 []PodReadinessGate | Extra conditions evaluated for pod readiness.
  runtimeClassName 29 s * | RuntimeClass used to run the pod.
  enableServiceLinks 30 b * | Inject service information as environment variables; defaults to true.
  preemptionPolicy 31 s * | Never or PreemptLowerPriority (default).
  overhead 32 {}q | Resource overhead of running the pod's sandbox.
  topologySpreadConstraints 33 []TopologySpreadConstraint mk=topologyKey ps=merge | How pods spread across topology domains.
  setHostnameAsFQDN 35 b * | Set the hostname to the pod's FQDN.
  os 36 PodOS * | Operating system of the pod's containers.
  hostUsers 37 b * | Use the host's user namespace; defaults to true.
  schedulingGates 38 []PodSchedulingGate mk=name ps=merge | Gates that block scheduling while present.
  resourceClaims 39 []PodResourceClaim mk=name ps=merge,retainKeys | ResourceClaims the pod needs.
  resources 40 ResourceRequirements * | Total resources of the pod.
T EphemeralContainer | A temporary container added to an existing pod for debugging.
  common 1 Container ^ | The container's fields.
  targetContainerName 2 s | Container whose namespaces the ephemeral container targets.
T HostAlias | An entry in the pod's hosts file.
  ip 1 s ! | IP address of the host entry.
  hostnames 2 []s | Hostnames for the IP.
T PodDNSConfig | DNS parameters of a pod.
  nameservers 1 []s | DNS name server IPs.
  searches 2 []s | DNS search domains.
  options 3 []PodDNSConfigOption | DNS resolver options.
T PodDNSConfigOption | A DNS resolver option.
  name 1 s | Option name.
  value 2 s * | Option value.
T PodReadinessGate | A pod condition that must be true for readiness.
  conditionType 1 s ! | Condition type in the pod's conditions.
T PodOS | The OS of a pod.
  name 1 s ! | linux or windows.
T PodSchedulingGate | A gate that blocks scheduling.
  name 1 s ! | Name of the gate.
T PodResourceClaim | A ResourceClaim a pod needs.
  name 1 s ! | Name of this claim within the pod.
  resourceClaimName 3 s * | Existing ResourceClaim.
  resourceClaimTemplateName 4 s * | ResourceClaimTemplate to create a claim from.
T Toleration | Tolerates any taint that matches key, value and effect with the operator.
  key 1 s | Taint key; empty with Exists matches all.
  operator 2 s | Exists or Equal (default).
  value 3 s | Taint value to match.
  effect 4 s | NoSchedule, PreferNoSchedule or NoExecute; empty matches all.
  tolerationSeconds 5 i64 * | Seconds a NoExecute taint is tolerated before eviction.
T TopologySpreadConstraint | How to spread matching pods among a topology.
  maxSkew 1 i32 ! | Maximum allowed difference in matching pods between domains.
  topologyKey 2 s ! | Node label key that defines a domain.
  whenUnsatisfiable 3 s ! | DoNotSchedule or ScheduleAnyway.
  labelSelector 4 meta.LabelSelector * | Selects the pods that are counted.
  minDomains 5 i32 * | Minimum number of eligible domains.
  nodeAffinityPolicy 6 s * | Honor or Ignore node affinity when counting.
  nodeTaintsPolicy 7 s * | Honor or Ignore node taints when counting.
  matchLabelKeys 8 []s | Pod label keys added to the selector.
T Affinity | Affinity scheduling rules.
  nodeAffinity 1 NodeAffinity * | Node affinity rules.
  podAffinity 2 PodAffinity * | Rules to co-locate with other pods.
  podAntiAffinity 3 PodAntiAffinity * | Rules to avoid other pods.
T NodeAffinity | Node affinity scheduling rules.
  requiredDuringSchedulingIgnoredDuringExecution 1 NodeSelector * | Hard requirements.
  preferredDuringSchedulingIgnoredDuringExecution 2 []PreferredSchedulingTerm | Soft preferences.
T NodeSelector | A union of node selector terms.
  nodeSelectorTerms 1 []NodeSelectorTerm ! | Terms, ORed.
T NodeSelectorTerm | Requirements, ANDed.
  matchExpressions 1 []NodeSelectorRequirement | Requirements on node labels.
  matchFields 2 []NodeSelectorRequirement | Requirements on node fields.
T NodeSelectorRequirement | A selector on a key with an operator and values.
  key 1 s ! | Label key.
  operator 2 s ! | In, NotIn, Exists, DoesNotExist, Gt or Lt.
  values 3 []s | Values.
T PreferredSchedulingTerm | A weighted node selector term.
  weight 1 i32 ! | Weight 1-100.
  preference 2 NodeSelectorTerm ! | The term.
T PodAffinity | Pod affinity scheduling rules.
  requiredDuringSchedulingIgnoredDuringExecution 1 []PodAffinityTerm | Hard requirements.
  preferredDuringSchedulingIgnoredDuringExecution 2 []WeightedPodAffinityTerm | Soft preferences.
T PodAntiAffinity | Pod anti-affinity scheduling rules.
  requiredDuringSchedulingIgnoredDuringExecution 1 []PodAffinityTerm | Hard requirements.
  preferredDuringSchedulingIgnoredDuringExecution 2 []WeightedPodAffinityTerm | Soft preferences.
T PodAffinityTerm | A set of pods and a topology key.
  labelSelector 1 meta.LabelSelector * | Pods to match.
  namespaces 2 []s | Namespaces to search.
  topologyKey 3 s ! | Node label key of the topology domain.
  namespaceSelector 4 meta.LabelSelector * | Namespaces to search, by label.
  matchLabelKeys 5 []s | Pod label keys merged into the selector.
  mismatchLabelKeys 6 []s | Pod label keys merged as NotIn into the selector.
T WeightedPodAffinityTerm | A weighted pod affinity term.
  weight 1 i32 ! | Weight 1-100.
  podAffinityTerm 2 PodAffinityTerm ! | The term.
T PodSecurityContext | Pod-level security attributes.
  seLinuxOptions 1 SELinuxOptions * | SELinux context for all containers.
  windowsOptions 8 WindowsSecurityContextOptions * | Windows-specific options.
  runAsUser 2 i64 * | UID to run the entrypoint as.
  runAsGroup 6 i64 * | GID to run the entrypoint as.
  runAsNonRoot 3 b * | Require that containers run as a non-root user.
  supplementalGroups 4 []i64 | Extra groups for the first process.
  supplementalGroupsPolicy 12 s * | Merge or Strict.
  fsGroup 5 i64 * | Group that owns mounted volumes.
  fsGroupChangePolicy 9 s * | OnRootMismatch or Always.
  sysctls 7 []Sysctl | Namespaced sysctls.
  seccompProfile 10 SeccompProfile * | Seccomp profile.
  appArmorProfile 11 AppArmorProfile * | AppArmor profile.
  seLinuxChangePolicy 13 s * | Recursive or MountOption.
T Sysctl | A kernel parameter to set.
  name 1 s ! | Name of the property.
  value 2 s ! | Value of the property.
T PodStatus | Information about the status of a pod.
  observedGeneration 17 i64 | Generation observed by the kubelet.
  phase 1 s | Pending, Running, Succeeded, Failed or Unknown.
  conditions 2 []PodCondition mk=type ps=merge | Current service state of the pod.
  message 3 s | Why the pod is in this condition.
  reason 4 s | Brief CamelCase reason, e.g. Evicted.
  nominatedNodeName 11 s | Node nominated by preemption.
  hostIP 5 s | IP of the host the pod runs on.
  hostIPs 16 []HostIP mk=ip ps=merge | IPs of the host.
  podIP 6 s | IP of the pod.
  podIPs 12 []PodIP mk=ip ps=merge | IPs of the pod.
  startTime 7 time * | Time the kubelet acknowledged the pod.
  initContainerStatuses 10 []ContainerStatus | Statuses of init containers.
  containerStatuses 8 []ContainerStatus | Statuses of containers.
  qosClass 9 s | Guaranteed, Burstable or BestEffort.
  ephemeralContainerStatuses 13 []ContainerStatus | Statuses of ephemeral containers.
  resize 14 s | Status of a pending resize.
  resourceClaimStatuses 15 []PodResourceClaimStatus mk=name ps=merge,retainKeys | ResourceClaims created for the pod.
T PodCondition | The state of a pod.
  type 1 s ! | PodScheduled, Initialized, ContainersReady, Ready, ...
  observedGeneration 7 i64 | Generation observed when the condition was set.
  status 2 s ! | True, False or Unknown.
  lastProbeTime 3 time | Last time the condition was probed.
  lastTransitionTime 4 time | Last time the condition transitioned.
  reason 5 s | Reason for the last transition.
  message 6 s | Human-readable details.
T PodIP | An IP address of a pod.
  ip 1 s ! | The IP.
T HostIP | An IP address of a host.
  ip 1 s ! | The IP.
T PodResourceClaimStatus | A ResourceClaim created for a pod.
  name 1 s ! | Name of the claim in the pod.
  resourceClaimName 2 s * | Name of the generated ResourceClaim.
""";
}
