using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads;

/// <summary>The resource types the workload controllers read and write.</summary>
internal static class WorkloadResources
{
    public static readonly GroupResource Nodes = new("", "nodes");
    public static readonly GroupResource Pods = new("", "pods");
    public static readonly GroupResource Namespaces = new("", "namespaces");
    public static readonly GroupResource Secrets = new("", "secrets");
    public static readonly GroupResource ConfigMaps = new("", "configmaps");
    public static readonly GroupResource Services = new("", "services");
    public static readonly GroupResource Endpoints = new("", "endpoints");
    public static readonly GroupResource Deployments = new("apps", "deployments");
    public static readonly GroupResource ReplicaSets = new("apps", "replicasets");
    public static readonly GroupResource Jobs = new("batch", "jobs");
    public static readonly GroupResource CronJobs = new("batch", "cronjobs");
}
