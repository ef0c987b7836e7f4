namespace Labs.Cluster.Schema.Types;

/// <summary>core/v1 kinds other than Pod: Namespace, ConfigMap, Secret, ServiceAccount, Service, Event, Node.</summary>
internal static class CoreTypes
{
    public const string Text = """
P core.v1
T Namespace gvk=/v1/Namespace | Namespace provides a scope for names.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 NamespaceSpec | Behavior of the Namespace.
  status 3 NamespaceStatus | Current status of the Namespace.
T NamespaceSpec | Attributes of a Namespace.
  finalizers 1 []s | Values that must be empty before the namespace is removed from storage.
T NamespaceStatus | Current status of a Namespace.
  phase 1 s | Active or Terminating.
  conditions 2 []NamespaceCondition mk=type ps=merge | Latest available observations of the namespace's state.
T NamespaceCondition | The state of a namespace at a point in time.
  type 1 s ! | Type of namespace controller condition.
  status 2 s ! | True, False or Unknown.
  lastTransitionTime 4 time | Last time the condition transitioned.
  reason 5 s | Reason for the last transition.
  message 6 s | Human-readable details.
T ConfigMap gvk=/v1/ConfigMap | Holds configuration data for pods to consume.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  immutable 4 b * | If true, the data cannot be updated.
  data 2 {}s | UTF-8 configuration data.
  binaryData 3 {}bytes | Binary configuration data (base64 in JSON).
T Secret gvk=/v1/Secret | Holds secret data of a certain type; values are base64 encoded.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  immutable 5 b * | If true, the data cannot be updated.
  data 2 {}bytes | Secret data; values are base64 encoded.
  stringData 4 {}s | Write-only convenience: plain strings merged into data on write.
  type 3 s | Used to ease programmatic handling of secret data; defaults to Opaque.
T ServiceAccount gvk=/v1/ServiceAccount | Binds a name understood by users and systems to an identity and secrets.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  secrets 2 []ObjectReference mk=name ps=merge | Deprecated list of secrets for the service account.
  imagePullSecrets 3 []LocalObjectReference | Secrets used when pulling images for pods using this account.
  automountServiceAccountToken 4 b * | Whether pods should have an API token mounted automatically.
T ObjectReference | A reference to an API object.
  kind 1 s | Kind of the referent.
  namespace 2 s | Namespace of the referent.
  name 3 s | Name of the referent.
  uid 4 s | UID of the referent.
  apiVersion 5 s | API version of the referent.
  resourceVersion 6 s | Specific resourceVersion the reference is made to.
  fieldPath 7 s | A piece of an object instead of the whole object, e.g. spec.containers{name}.
T LocalObjectReference | A reference to an object in the same namespace.
  name 1 s | Name of the referent.
T Service gvk=/v1/Service | A named abstraction of a software service: a local port proxied to a set of pods.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 ServiceSpec | Behavior of the service.
  status 3 ServiceStatus | Most recently observed status of the service.
T ServiceSpec | The attributes a user creates on a service.
  ports 1 []ServicePort mk=port ps=merge | Ports exposed by this service.
  selector 2 {}s | Route traffic to pods whose labels match this selector.
  clusterIP 3 s | IP address of the service; assigned by the server unless set, or None for headless.
  clusterIPs 18 []s | IP addresses of the service, primary first.
  type 4 s | ClusterIP (default), NodePort, LoadBalancer or ExternalName.
  externalIPs 5 []s | IPs for which nodes also accept traffic.
  sessionAffinity 7 s | ClientIP or None (default).
  loadBalancerIP 8 s | Deprecated: requested load balancer IP.
  loadBalancerSourceRanges 9 []s | Client IP ranges allowed through a cloud load balancer.
  externalName 10 s | DNS name returned as a CNAME for ExternalName services.
  externalTrafficPolicy 11 s | Cluster or Local routing of external traffic.
  healthCheckNodePort 12 i32 | Health-check node port for Local external traffic policy.
  publishNotReadyAddresses 13 b | Publish endpoints for pods that are not ready.
  sessionAffinityConfig 14 SessionAffinityConfig * | Session affinity configuration.
  ipFamilies 19 []s | IPv4 and/or IPv6.
  ipFamilyPolicy 17 s * | SingleStack, PreferDualStack or RequireDualStack.
  allocateLoadBalancerNodePorts 20 b * | Whether node ports are allocated for LoadBalancer services.
  loadBalancerClass 21 s * | Class of the load balancer implementation.
  internalTrafficPolicy 22 s * | Cluster or Local routing of cluster-internal traffic.
  trafficDistribution 23 s * | Preference for distributing traffic to endpoints.
T ServicePort | One port of a service.
  name 1 s | Name of the port, unique within the service; required with several ports.
  protocol 2 s | TCP (default), UDP or SCTP.
  appProtocol 6 s * | Application protocol of the port.
  port 3 i32 ! | Port exposed by the service.
  targetPort 4 ios | Port on the pods (number or name); defaults to port.
  nodePort 5 i32 | Port on each node for NodePort and LoadBalancer services.
T SessionAffinityConfig | Session affinity configuration.
  clientIP 1 ClientIPConfig * | ClientIP session affinity settings.
T ClientIPConfig | Client IP based session affinity configuration.
  timeoutSeconds 1 i32 * | Sticky session time in seconds; defaults to 10800.
T ServiceStatus | The current status of a service.
  loadBalancer 1 LoadBalancerStatus | Status of the load balancer, if any.
  conditions 2 []meta.Condition mk=type ps=merge | Current service state.
T LoadBalancerStatus | Status of a load balancer.
  ingress 1 []LoadBalancerIngress | Ingress points of the load balancer.
T LoadBalancerIngress | An ingress point of a load balancer.
  ip 1 s | IP of the ingress point.
  hostname 2 s | Hostname of the ingress point.
  ipMode 3 s * | VIP or Proxy.
  ports 4 []PortStatus | Ports of the service.
T PortStatus | Status of one service port.
  port 1 i32 ! | Port number.
  protocol 2 s ! | TCP, UDP or SCTP.
  error 3 s * | Problem with this port, in CamelCase.
T Event gvk=/v1/Event | A report of an event somewhere in the cluster.
  metadata 1 meta.ObjectMeta ! | Standard object metadata.
  involvedObject 2 ObjectReference ! | The object this event is about.
  reason 3 s | Short machine-readable reason for the transition.
  message 4 s | Human-readable description of the status.
  source 5 EventSource | Component reporting the event.
  firstTimestamp 6 time | Time the event was first recorded.
  lastTimestamp 7 time | Time of the most recent occurrence.
  count 8 i32 | Number of times the event occurred.
  type 9 s | Normal or Warning.
  eventTime 10 mtime | Time the event was first observed.
  series 11 EventSeries * | Data about the event series, if any.
  action 12 s | What action was taken or failed.
  related 13 ObjectReference * | Optional secondary object.
  reportingComponent 14 s | Name of the controller that emitted the event.
  reportingInstance 15 s | ID of the controller instance.
T EventSource | The component that reports an event.
  component 1 s | Component from which the event is generated.
  host 2 s | Node name on which the event is generated.
T EventSeries | Data about a series of events.
  count 1 i32 | Number of occurrences in the series so far.
  lastObservedTime 2 mtime | Time of the last occurrence.
T Node gvk=/v1/Node | A worker node.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 NodeSpec | Behavior of the node.
  status 3 NodeStatus | Most recently observed status of the node.
T NodeSpec | Attributes of a node.
  podCIDR 1 s | Pod IP range assigned to the node.
  podCIDRs 7 []s ps=merge | Pod IP ranges assigned to the node.
  providerID 3 s | Cloud provider ID of the node.
  unschedulable 4 b | If true, new pods are not scheduled onto the node.
  taints 5 []Taint | Taints of the node.
  configSource 6 NodeConfigSource * | Deprecated dynamic kubelet configuration source.
  externalID 2 s | Deprecated.
T NodeConfigSource | A source of node configuration.
  configMap 2 ConfigMapNodeConfigSource * | A ConfigMap holding the configuration.
T ConfigMapNodeConfigSource | A ConfigMap used as node configuration.
  namespace 1 s ! | Namespace of the ConfigMap.
  name 2 s ! | Name of the ConfigMap.
  uid 3 s | UID of the ConfigMap.
  resourceVersion 4 s | resourceVersion of the ConfigMap.
  kubeletConfigKey 5 s ! | Key holding the kubelet configuration.
T Taint | A taint repels pods that do not tolerate it.
  key 1 s ! | Taint key.
  value 2 s | Taint value.
  effect 3 s ! | NoSchedule, PreferNoSchedule or NoExecute.
  timeAdded 4 time * | Time a NoExecute taint was added.
T NodeStatus | Current status of a node.
  capacity 1 {}q | Total resources of the node.
  allocatable 2 {}q | Resources available for scheduling.
  phase 3 s | Deprecated node phase.
  conditions 4 []NodeCondition mk=type ps=merge | Current observed node conditions.
  addresses 5 []NodeAddress mk=type ps=merge | Addresses reachable to the node.
  daemonEndpoints 6 NodeDaemonEndpoints | Endpoints of daemons on the node.
  nodeInfo 7 NodeSystemInfo | General information about the node.
  images 8 []ContainerImage | Images on the node.
  volumesInUse 9 []s | Attachable volumes in use.
  volumesAttached 10 []AttachedVolume | Volumes attached to the node.
  config 11 NodeConfigStatus * | Status of the node configuration.
  runtimeHandlers 12 []NodeRuntimeHandler | Available runtime handlers.
  features 13 NodeFeatures * | Features implemented by the CRI.
T NodeCondition | Condition information for a node.
  type 1 s ! | Type of node condition.
  status 2 s ! | True, False or Unknown.
  lastHeartbeatTime 3 time | Last time the condition was probed.
  lastTransitionTime 4 time | Last time the condition transitioned.
  reason 5 s | Reason for the last transition.
  message 6 s | Human-readable details.
T NodeAddress | An address of a node.
  type 1 s ! | Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS.
  address 2 s ! | The address.
T NodeDaemonEndpoints | Ports opened by daemons on the node.
  kubeletEndpoint 1 DaemonEndpoint | Endpoint of the kubelet.
T DaemonEndpoint | A port of a daemon.
  Port 1 i32 ! | Port number.
T NodeSystemInfo | Identifying information about the node.
  machineID 1 s ! | Machine ID.
  systemUUID 2 s ! | System UUID.
  bootID 3 s ! | Boot ID.
  kernelVersion 4 s ! | Kernel version.
  osImage 5 s ! | OS image.
  containerRuntimeVersion 6 s ! | Container runtime version.
  kubeletVersion 7 s ! | Kubelet version.
  kubeProxyVersion 8 s ! | Deprecated kube-proxy version.
  operatingSystem 9 s ! | Operating system.
  architecture 10 s ! | Architecture.
  swap 11 NodeSwapStatus * | Swap memory information.
T NodeSwapStatus | Swap memory of a node.
  capacity 1 i64 * | Total swap in bytes.
T ContainerImage | A container image on a node.
  names 1 []s | Names of the image.
  sizeBytes 2 i64 | Size in bytes.
T AttachedVolume | A volume attached to a node.
  name 1 s ! | Name of the volume.
  devicePath 2 s ! | Device path.
T NodeConfigStatus | Status of the node configuration.
  assigned 1 NodeConfigSource * | Assigned configuration.
  active 2 NodeConfigSource * | Active configuration.
  lastKnownGood 3 NodeConfigSource * | Last known good configuration.
  error 4 s | Configuration errors.
T NodeRuntimeHandler | A runtime handler.
  name 1 s | Handler name; empty for the default.
  features 2 NodeRuntimeHandlerFeatures * | Supported features.
T NodeRuntimeHandlerFeatures | Features of a runtime handler.
  recursiveReadOnlyMounts 1 b * | Recursive read-only mounts.
  userNamespaces 2 b * | User namespaces.
T NodeFeatures | Features implemented by the CRI.
  supplementalGroupsPolicy 1 b * | supplementalGroupsPolicy support.
P discovery.v1
T EndpointSlice gvk=discovery.k8s.io/v1/EndpointSlice | A subset of the endpoints that implement a service.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  addressType 4 s ! | IPv4, IPv6 or FQDN.
  endpoints 2 []Endpoint ! | Endpoints in the slice.
  ports 3 []EndpointPort | Ports exposed by the endpoints.
T Endpoint | One logical backend.
  addresses 1 []s ! | Addresses of the endpoint.
  conditions 2 EndpointConditions | Current state of the endpoint.
  hostname 3 s * | Hostname of the endpoint.
  targetRef 4 core.v1.ObjectReference * | Object providing the endpoint.
  deprecatedTopology 5 {}s | Deprecated topology.
  nodeName 6 s * | Node hosting the endpoint.
  zone 7 s * | Zone of the endpoint.
  hints 8 EndpointHints * | Topology-aware routing hints.
T EndpointConditions | State of an endpoint.
  ready 1 b * | Ready to receive traffic.
  serving 2 b * | Serving, regardless of termination.
  terminating 3 b * | Terminating.
T EndpointHints | Routing hints.
  forZones 1 []ForZone | Zones that should consume the endpoint.
  forNodes 2 []ForNode | Nodes that should consume the endpoint.
T ForZone | A zone hint.
  name 1 s ! | Zone name.
T ForNode | A node hint.
  name 1 s ! | Node name.
T EndpointPort | A port of an endpoint slice.
  name 1 s * | Port name.
  protocol 2 s * | TCP, UDP or SCTP.
  port 3 i32 * | Port number.
  appProtocol 4 s * | Application protocol.
""";
}
