using k8s;
using k8s.Models;

namespace Labs.Conformance.Tests.Client;

public static partial class Contracts
{
    // A run-to-completion pod template: Jobs allow only OnFailure or Never.
    private static V1PodTemplateSpec JobTemplate() =>
        new() { Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "main", Image = "busybox", Command = ["sh", "-c", "echo done"] }] } };

    private static readonly KindContract[] s_workloads =
    [
        new KindContractOf<V1StatefulSet, V1StatefulSetList>
        {
            Group = "apps", Plural = "statefulsets", KindName = "StatefulSet", Namespaced = true,
            Manifest = (ns, name) => new V1StatefulSet { ApiVersion = "apps/v1", Kind = "StatefulSet", Metadata = Meta(name, ns), Spec = new V1StatefulSetSpec { ServiceName = "contract", Replicas = 1, Selector = Selector(), Template = Template() } },
            Create = (k, o, ns, c) => k.AppsV1.CreateNamespacedStatefulSetAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.AppsV1.ReadNamespacedStatefulSetAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.AppsV1.ListNamespacedStatefulSetAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.AppsV1.WatchListNamespacedStatefulSetAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.AppsV1.PatchNamespacedStatefulSetAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.AppsV1.DeleteNamespacedStatefulSetAsync(n, ns, cancellationToken: c),
        },
        new KindContractOf<V1DaemonSet, V1DaemonSetList>
        {
            Group = "apps", Plural = "daemonsets", KindName = "DaemonSet", Namespaced = true,
            Manifest = (ns, name) => new V1DaemonSet { ApiVersion = "apps/v1", Kind = "DaemonSet", Metadata = Meta(name, ns), Spec = new V1DaemonSetSpec { Selector = Selector(), Template = Template() } },
            Create = (k, o, ns, c) => k.AppsV1.CreateNamespacedDaemonSetAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.AppsV1.ReadNamespacedDaemonSetAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.AppsV1.ListNamespacedDaemonSetAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.AppsV1.WatchListNamespacedDaemonSetAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.AppsV1.PatchNamespacedDaemonSetAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.AppsV1.DeleteNamespacedDaemonSetAsync(n, ns, cancellationToken: c),
        },
        new KindContractOf<V1ControllerRevision, V1ControllerRevisionList>
        {
            Group = "apps", Plural = "controllerrevisions", KindName = "ControllerRevision", Namespaced = true,
            Manifest = (ns, name) => new V1ControllerRevision
            {
                ApiVersion = "apps/v1", Kind = "ControllerRevision", Metadata = Meta(name, ns), Revision = 1,
                Data = new Dictionary<string, object> { ["spec"] = new Dictionary<string, object> { ["template"] = Template() } },
            },
            Create = (k, o, ns, c) => k.AppsV1.CreateNamespacedControllerRevisionAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.AppsV1.ReadNamespacedControllerRevisionAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.AppsV1.ListNamespacedControllerRevisionAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.AppsV1.WatchListNamespacedControllerRevisionAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.AppsV1.PatchNamespacedControllerRevisionAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.AppsV1.DeleteNamespacedControllerRevisionAsync(n, ns, cancellationToken: c),
        },
        new KindContractOf<V1Job, V1JobList>
        {
            Group = "batch", Plural = "jobs", KindName = "Job", Namespaced = true,
            Manifest = (ns, name) => new V1Job { ApiVersion = "batch/v1", Kind = "Job", Metadata = Meta(name, ns), Spec = new V1JobSpec { BackoffLimit = 2, Template = JobTemplate() } },
            Create = (k, o, ns, c) => k.BatchV1.CreateNamespacedJobAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.BatchV1.ReadNamespacedJobAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.BatchV1.ListNamespacedJobAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.BatchV1.WatchListNamespacedJobAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.BatchV1.PatchNamespacedJobAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.BatchV1.DeleteNamespacedJobAsync(n, ns, cancellationToken: c),
        },
        new KindContractOf<V1CronJob, V1CronJobList>
        {
            Group = "batch", Plural = "cronjobs", KindName = "CronJob", Namespaced = true,
            Manifest = (ns, name) => new V1CronJob
            {
                ApiVersion = "batch/v1", Kind = "CronJob", Metadata = Meta(name, ns),
                Spec = new V1CronJobSpec { Schedule = "*/5 * * * *", JobTemplate = new V1JobTemplateSpec { Spec = new V1JobSpec { Template = JobTemplate() } } },
            },
            Create = (k, o, ns, c) => k.BatchV1.CreateNamespacedCronJobAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.BatchV1.ReadNamespacedCronJobAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.BatchV1.ListNamespacedCronJobAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.BatchV1.WatchListNamespacedCronJobAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.BatchV1.PatchNamespacedCronJobAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.BatchV1.DeleteNamespacedCronJobAsync(n, ns, cancellationToken: c),
        },
        new KindContractOf<V2HorizontalPodAutoscaler, V2HorizontalPodAutoscalerList>
        {
            Group = "autoscaling", Version = "v2", Plural = "horizontalpodautoscalers", KindName = "HorizontalPodAutoscaler", Namespaced = true,
            Manifest = (ns, name) => new V2HorizontalPodAutoscaler
            {
                ApiVersion = "autoscaling/v2", Kind = "HorizontalPodAutoscaler", Metadata = Meta(name, ns),
                Spec = new V2HorizontalPodAutoscalerSpec
                {
                    ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "web" }, MinReplicas = 1, MaxReplicas = 5,
                    Metrics = [new V2MetricSpec { Type = "Resource", Resource = new V2ResourceMetricSource { Name = "cpu", Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = 60 } } }],
                },
            },
            Create = (k, o, ns, c) => k.AutoscalingV2.CreateNamespacedHorizontalPodAutoscalerAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.AutoscalingV2.ReadNamespacedHorizontalPodAutoscalerAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.AutoscalingV2.WatchListNamespacedHorizontalPodAutoscalerAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.AutoscalingV2.PatchNamespacedHorizontalPodAutoscalerAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.AutoscalingV2.DeleteNamespacedHorizontalPodAutoscalerAsync(n, ns, cancellationToken: c),
        },
        new KindContractOf<V1HorizontalPodAutoscaler, V1HorizontalPodAutoscalerList>
        {
            Group = "autoscaling", Plural = "horizontalpodautoscalers", KindName = "HorizontalPodAutoscaler", Namespaced = true,
            Manifest = (ns, name) => new V1HorizontalPodAutoscaler
            {
                ApiVersion = "autoscaling/v1", Kind = "HorizontalPodAutoscaler", Metadata = Meta(name, ns),
                Spec = new V1HorizontalPodAutoscalerSpec { ScaleTargetRef = new V1CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = "web" }, MaxReplicas = 5, TargetCPUUtilizationPercentage = 60 },
            },
            Create = (k, o, ns, c) => k.AutoscalingV1.CreateNamespacedHorizontalPodAutoscalerAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.AutoscalingV1.ReadNamespacedHorizontalPodAutoscalerAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.AutoscalingV1.ListNamespacedHorizontalPodAutoscalerAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.AutoscalingV1.WatchListNamespacedHorizontalPodAutoscalerAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.AutoscalingV1.PatchNamespacedHorizontalPodAutoscalerAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.AutoscalingV1.DeleteNamespacedHorizontalPodAutoscalerAsync(n, ns, cancellationToken: c),
        },
    ];
}
