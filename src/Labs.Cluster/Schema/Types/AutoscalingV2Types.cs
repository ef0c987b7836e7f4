namespace Labs.Cluster.Schema.Types;

/// <summary>autoscaling/v2 HorizontalPodAutoscaler.</summary>
internal static class AutoscalingV2Types
{
    public const string Text = """
P autoscaling.v2
T HorizontalPodAutoscaler gvk=autoscaling/v2/HorizontalPodAutoscaler | Automatically scales a workload on observed metrics.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 HorizontalPodAutoscalerSpec | Desired behavior of the autoscaler.
  status 3 HorizontalPodAutoscalerStatus | Current information about the autoscaler.
T HorizontalPodAutoscalerSpec | The desired behavior of an autoscaler.
  scaleTargetRef 1 CrossVersionObjectReference ! | The scaled resource.
  minReplicas 2 i32 * | Lower replica limit; defaults to 1.
  maxReplicas 3 i32 ! | Upper replica limit.
  metrics 4 []MetricSpec | Metrics used to compute the desired replica count.
  behavior 5 HorizontalPodAutoscalerBehavior * | Scaling behavior up and down.
T CrossVersionObjectReference | A reference to a scaled resource.
  kind 1 s ! | Kind of the referent.
  name 2 s ! | Name of the referent.
  apiVersion 3 s | API version of the referent.
T HorizontalPodAutoscalerBehavior | Scaling behavior in both directions.
  scaleUp 1 HPAScalingRules * | Rules for scaling up.
  scaleDown 2 HPAScalingRules * | Rules for scaling down.
T HPAScalingRules | Scaling rules for one direction.
  stabilizationWindowSeconds 3 i32 * | Seconds of past recommendations to consider.
  selectPolicy 1 s * | Max, Min or Disabled.
  policies 2 []HPAScalingPolicy | Allowed changes.
  tolerance 4 q * | Tolerance on the metric ratio.
T HPAScalingPolicy | One allowed change.
  type 1 s ! | Pods or Percent.
  value 2 i32 ! | Amount of change.
  periodSeconds 3 i32 ! | Window in seconds.
T MetricSpec | A metric to scale on.
  type 1 s ! | ContainerResource, External, Object, Pods or Resource.
  object 2 ObjectMetricSource * | A metric of a single object.
  pods 3 PodsMetricSource * | A metric averaged over pods.
  resource 4 ResourceMetricSource * | A resource metric of the pods.
  containerResource 7 ContainerResourceMetricSource * | A resource metric of one container.
  external 5 ExternalMetricSource * | A metric from outside the cluster.
T ObjectMetricSource | A metric of an object.
  describedObject 1 CrossVersionObjectReference ! | The object.
  target 2 MetricTarget ! | Target value.
  metric 3 MetricIdentifier ! | The metric.
T PodsMetricSource | A metric averaged over pods.
  metric 1 MetricIdentifier ! | The metric.
  target 2 MetricTarget ! | Target value.
T ResourceMetricSource | A resource metric.
  name 1 s ! | Resource name.
  target 2 MetricTarget ! | Target value.
T ContainerResourceMetricSource | A resource metric of one container.
  name 1 s ! | Resource name.
  target 2 MetricTarget ! | Target value.
  container 3 s ! | Container name.
T ExternalMetricSource | An external metric.
  metric 1 MetricIdentifier ! | The metric.
  target 2 MetricTarget ! | Target value.
T MetricIdentifier | Names a metric.
  name 1 s ! | Metric name.
  selector 2 meta.LabelSelector * | Selector of the metric series.
T MetricTarget | A target value.
  type 1 s ! | Utilization, Value or AverageValue.
  value 2 q * | Target value.
  averageValue 3 q * | Target average value.
  averageUtilization 4 i32 * | Target average utilization in percent.
T HorizontalPodAutoscalerStatus | The current status of an autoscaler.
  observedGeneration 1 i64 * | Most recent generation observed.
  lastScaleTime 2 time * | Last time the replica count changed.
  currentReplicas 3 i32 | Current number of replicas.
  desiredReplicas 4 i32 ! | Desired number of replicas.
  currentMetrics 5 []MetricStatus | Last observed metric values.
  conditions 6 []HorizontalPodAutoscalerCondition mk=type ps=merge | Current conditions.
T MetricStatus | The last observed value of a metric.
  type 1 s ! | Metric source type.
  object 2 ObjectMetricStatus * | An object metric.
  pods 3 PodsMetricStatus * | A pods metric.
  resource 4 ResourceMetricStatus * | A resource metric.
  containerResource 7 ContainerResourceMetricStatus * | A container resource metric.
  external 5 ExternalMetricStatus * | An external metric.
T ObjectMetricStatus | Current value of an object metric.
  metric 1 MetricIdentifier ! | The metric.
  current 2 MetricValueStatus ! | Current value.
  describedObject 3 CrossVersionObjectReference ! | The object.
T PodsMetricStatus | Current value of a pods metric.
  metric 1 MetricIdentifier ! | The metric.
  current 2 MetricValueStatus ! | Current value.
T ResourceMetricStatus | Current value of a resource metric.
  name 1 s ! | Resource name.
  current 2 MetricValueStatus ! | Current value.
T ContainerResourceMetricStatus | Current value of a container resource metric.
  name 1 s ! | Resource name.
  current 2 MetricValueStatus ! | Current value.
  container 3 s ! | Container name.
T ExternalMetricStatus | Current value of an external metric.
  metric 1 MetricIdentifier ! | The metric.
  current 2 MetricValueStatus ! | Current value.
T MetricValueStatus | A metric value.
  value 1 q * | Current value.
  averageValue 2 q * | Current average value.
  averageUtilization 3 i32 * | Current average utilization in percent.
T HorizontalPodAutoscalerCondition | A condition of an autoscaler.
  type 1 s ! | Type of condition.
  status 2 s ! | True, False or Unknown.
  lastTransitionTime 3 time | Last transition.
  reason 4 s | Reason for the last transition.
  message 5 s | Human-readable details.
""";
}
