namespace Labs.Sessions;

/// <summary>
/// The budget presets labs choose from (<c>budget:</c> in a lab's front matter), sized for a lab on a small machine. The
/// LimitRange defaults are such that the quota's pod count, not its cpu or memory, is what a runaway Deployment hits first.
/// </summary>
public static class SessionBudgets
{
    /// <summary>Name of the ResourceQuota and the LimitRange a session gets.</summary>
    public const string ObjectName = "labs-budget";

    /// <summary>The toolbox pod annotation that carries <see cref="SessionBudget.PidsLimit"/>.</summary>
    public const string PidsLimitAnnotation = "labs.dev/pids-limit";

    /// <summary>One learner practising the basics: 10 pods, 2 CPUs and 2 GiB of limits.</summary>
    public static readonly SessionBudget Small = new(
        "small",
        Quota(pods: 10, requestsCpu: "1", requestsMemory: "1Gi", limitsCpu: "2", limitsMemory: "2Gi", ephemeral: ("2Gi", "4Gi"),
            services: 10, nodePorts: 2, loadBalancers: 1, objects: 20, claims: 5, storage: "5Gi", workloads: 10),
        Containers(max: ("1", "1Gi", "1Gi")),
        Toolbox(cpu: "1", memory: "512Mi", ephemeral: "1Gi"),
        PidsLimit: 256);

    /// <summary>Labs with a few applications at once: 20 pods, 4 CPUs and 4 GiB of limits.</summary>
    public static readonly SessionBudget Medium = new(
        "medium",
        Quota(pods: 20, requestsCpu: "2", requestsMemory: "2Gi", limitsCpu: "4", limitsMemory: "4Gi", ephemeral: ("4Gi", "8Gi"),
            services: 20, nodePorts: 5, loadBalancers: 2, objects: 40, claims: 10, storage: "20Gi", workloads: 20),
        Containers(max: ("2", "2Gi", "2Gi")),
        Toolbox(cpu: "2", memory: "1Gi", ephemeral: "2Gi"),
        PidsLimit: 512);

    /// <summary>Exam-style environments with many workloads: 40 pods, 8 CPUs and 8 GiB of limits.</summary>
    public static readonly SessionBudget Large = new(
        "large",
        Quota(pods: 40, requestsCpu: "4", requestsMemory: "4Gi", limitsCpu: "8", limitsMemory: "8Gi", ephemeral: ("8Gi", "16Gi"),
            services: 40, nodePorts: 10, loadBalancers: 4, objects: 80, claims: 20, storage: "50Gi", workloads: 40),
        Containers(max: ("4", "4Gi", "4Gi")),
        Toolbox(cpu: "4", memory: "2Gi", ephemeral: "4Gi"),
        PidsLimit: 1024);

    /// <summary>The budget of labs that do not choose one.</summary>
    public static SessionBudget Default => Small;

    /// <summary>Every preset, smallest first.</summary>
    public static IReadOnlyList<SessionBudget> All { get; } = [Small, Medium, Large];

    /// <summary>The preset called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No preset has that name.</exception>
    public static SessionBudget Named(string name) =>
        All.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.Ordinal))
        ?? throw new ArgumentException($"There is no session budget '{name}'; the budgets are: {string.Join(", ", All.Select(b => b.Name))}.", nameof(name));

    private static Dictionary<string, string> Quota(
        int pods, string requestsCpu, string requestsMemory, string limitsCpu, string limitsMemory, (string Requests, string Limits) ephemeral,
        int services, int nodePorts, int loadBalancers, int objects, int claims, string storage, int workloads) => new(StringComparer.Ordinal)
    {
        ["pods"] = Count(pods),
        ["requests.cpu"] = requestsCpu,
        ["requests.memory"] = requestsMemory,
        ["limits.cpu"] = limitsCpu,
        ["limits.memory"] = limitsMemory,
        ["requests.ephemeral-storage"] = ephemeral.Requests,
        ["limits.ephemeral-storage"] = ephemeral.Limits,
        ["services"] = Count(services),
        ["services.nodeports"] = Count(nodePorts),
        ["services.loadbalancers"] = Count(loadBalancers),
        ["configmaps"] = Count(objects),
        ["secrets"] = Count(objects),
        ["persistentvolumeclaims"] = Count(claims),
        ["requests.storage"] = storage,
        ["count/deployments.apps"] = Count(workloads),
        ["count/statefulsets.apps"] = Count(workloads / 2),
        ["count/daemonsets.apps"] = Count(workloads / 2),
        ["count/jobs.batch"] = Count(workloads),
        ["count/cronjobs.batch"] = Count(workloads / 2),
    };

    // Small enough that the pod count binds first: 10 × 200m = 2 CPUs, 10 × 128Mi < 2Gi.
    private static ContainerLimitRange Containers((string Cpu, string Memory, string Ephemeral) max) => new(
        Default: new Dictionary<string, string>(StringComparer.Ordinal) { ["cpu"] = "200m", ["memory"] = "128Mi", ["ephemeral-storage"] = "256Mi" },
        DefaultRequest: new Dictionary<string, string>(StringComparer.Ordinal) { ["cpu"] = "50m", ["memory"] = "64Mi", ["ephemeral-storage"] = "64Mi" },
        Max: new Dictionary<string, string>(StringComparer.Ordinal) { ["cpu"] = max.Cpu, ["memory"] = max.Memory, ["ephemeral-storage"] = max.Ephemeral });

    private static ContainerResources Toolbox(string cpu, string memory, string ephemeral) => new(
        Requests: new Dictionary<string, string>(StringComparer.Ordinal) { ["cpu"] = "100m", ["memory"] = "128Mi", ["ephemeral-storage"] = "256Mi" },
        Limits: new Dictionary<string, string>(StringComparer.Ordinal) { ["cpu"] = cpu, ["memory"] = memory, ["ephemeral-storage"] = ephemeral });

    private static string Count(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
