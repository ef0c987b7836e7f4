namespace Labs.Cluster.Schema.Types;

/// <summary>Kinds kubectl creates with protobuf bodies: Ingress, PodDisruptionBudget, PriorityClass, ResourceQuota, HPA v1.</summary>
internal static class MiscTypes
{
    public const string Text = """
P networking.v1
T Ingress gvk=networking.k8s.io/v1/Ingress | A collection of rules that allow inbound connections to reach backends.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 IngressSpec | Desired state of the ingress.
  status 3 IngressStatus | Current state of the ingress.
T IngressSpec | The ingress a user wishes to exist.
  ingressClassName 4 s * | Name of the IngressClass.
  defaultBackend 1 IngressBackend * | Backend for requests no rule matches.
  tls 2 []IngressTLS | TLS configuration.
  rules 3 []IngressRule | Host rules.
T IngressBackend | Where traffic is sent.
  service 4 IngressServiceBackend * | A Service.
  resource 3 core.v1.TypedLocalObjectReference * | Another resource in the namespace.
T IngressServiceBackend | A Service backend.
  name 1 s ! | Name of the Service.
  port 2 ServiceBackendPort | Port of the Service.
T ServiceBackendPort | A Service port by name or number.
  name 1 s | Port name.
  number 2 i32 | Port number.
T IngressTLS | TLS settings.
  hosts 1 []s | Hosts in the certificate.
  secretName 2 s | Secret holding the certificate.
T IngressRule | Maps paths under a host to backends.
  host 1 s | Fully qualified domain name.
  value 2 IngressRuleValue ^ | The rule.
T IngressRuleValue | The rule of an ingress host.
  http 1 HTTPIngressRuleValue * | HTTP paths.
T HTTPIngressRuleValue | A list of HTTP paths.
  paths 1 []HTTPIngressPath ! | The paths.
T HTTPIngressPath | A path and its backend.
  path 1 s | Path to match.
  pathType 3 s ! | Exact, Prefix or ImplementationSpecific.
  backend 2 IngressBackend ! | Where matching traffic goes.
T IngressStatus | The current state of an ingress.
  loadBalancer 1 IngressLoadBalancerStatus | The load balancer.
T IngressLoadBalancerStatus | Status of an ingress load balancer.
  ingress 1 []IngressLoadBalancerIngress | Ingress points.
T IngressLoadBalancerIngress | An ingress point.
  ip 1 s | IP of the ingress point.
  hostname 2 s | Hostname of the ingress point.
  ports 4 []IngressPortStatus | Port statuses.
T IngressPortStatus | Status of an ingress port.
  port 1 i32 ! | Port number.
  protocol 2 s ! | TCP, UDP or SCTP.
  error 3 s * | Problem with the port.
P core.v1
T TypedLocalObjectReference | A typed reference to an object in the same namespace.
  apiGroup 1 s * | API group of the referent.
  kind 2 s ! | Kind of the referent.
  name 3 s ! | Name of the referent.
T ResourceQuota gvk=/v1/ResourceQuota | Aggregate quota restrictions per namespace.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 ResourceQuotaSpec | Desired quota.
  status 3 ResourceQuotaStatus | Actual enforced quota and usage.
T ResourceQuotaSpec | The hard limits of a quota.
  hard 1 {}q | Hard limits per resource.
  scopes 2 []s | Scopes the quota applies to.
  scopeSelector 3 ScopeSelector * | Scope selector.
T ScopeSelector | A selector of quota scopes.
  matchExpressions 1 []ScopedResourceSelectorRequirement | Requirements.
T ScopedResourceSelectorRequirement | A scope selector requirement.
  scopeName 1 s ! | Scope name.
  operator 2 s ! | In, NotIn, Exists or DoesNotExist.
  values 3 []s | Values.
T ResourceQuotaStatus | Enforced hard limits and observed use.
  hard 1 {}q | Enforced limits.
  used 2 {}q | Current use.
P policy.v1
T Eviction gvk=policy/v1/Eviction | Evicts a pod, subject to its disruption budget.
  metadata 1 meta.ObjectMeta | The pod to evict (name and namespace).
T PodDisruptionBudget gvk=policy/v1/PodDisruptionBudget | Limits the disruption to a collection of pods.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 PodDisruptionBudgetSpec | Desired behavior.
  status 3 PodDisruptionBudgetStatus | Most recently observed status.
T PodDisruptionBudgetSpec | The desired disruption budget.
  minAvailable 1 ios * | Pods that must remain available after an eviction.
  selector 2 meta.LabelSelector * | Pods covered by the budget.
  maxUnavailable 3 ios * | Pods that may be unavailable after an eviction.
  unhealthyPodEvictionPolicy 4 s * | IfHealthyBudget or AlwaysAllow.
T PodDisruptionBudgetStatus | Observed state of a disruption budget.
  observedGeneration 1 i64 | Generation observed.
  disruptedPods 2 {}time | Pods being evicted, with the eviction time.
  disruptionsAllowed 3 i32 ! | Disruptions currently allowed.
  currentHealthy 4 i32 ! | Current healthy pods.
  desiredHealthy 5 i32 ! | Minimum desired healthy pods.
  expectedPods 6 i32 ! | Total pods counted.
  conditions 7 []meta.Condition mk=type ps=merge | Conditions.
P scheduling.v1
T PriorityClass gvk=scheduling.k8s.io/v1/PriorityClass | Maps a priority class name to a priority integer.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  value 2 i32 ! | The priority value.
  globalDefault 3 b | Default priority for pods without a priority class.
  description 4 s | When to use this class.
  preemptionPolicy 5 s * | Never or PreemptLowerPriority (default).
P autoscaling.v1
T HorizontalPodAutoscaler gvk=autoscaling/v1/HorizontalPodAutoscaler | Configuration of a horizontal pod autoscaler.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 HorizontalPodAutoscalerSpec | Desired behavior.
  status 3 HorizontalPodAutoscalerStatus | Current information.
T HorizontalPodAutoscalerSpec | The desired autoscaling.
  scaleTargetRef 1 CrossVersionObjectReference ! | The scaled resource.
  minReplicas 2 i32 * | Lower replica limit; defaults to 1.
  maxReplicas 3 i32 ! | Upper replica limit.
  targetCPUUtilizationPercentage 4 i32 * | Target average CPU utilization.
T CrossVersionObjectReference | A reference to a scaled resource.
  kind 1 s ! | Kind of the referent.
  name 2 s ! | Name of the referent.
  apiVersion 3 s | API version of the referent.
T HorizontalPodAutoscalerStatus | Current status of an autoscaler.
  observedGeneration 1 i64 * | Most recent generation observed.
  lastScaleTime 2 time * | Last time the replica count changed.
  currentReplicas 3 i32 ! | Current number of replicas.
  desiredReplicas 4 i32 ! | Desired number of replicas.
  currentCPUUtilizationPercentage 5 i32 * | Current average CPU utilization.
""";
}
