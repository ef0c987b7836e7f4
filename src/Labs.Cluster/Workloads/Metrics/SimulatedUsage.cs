using System.IO.Hashing;
using System.Text;
using System.Text.Json.Nodes;
using Labs.Cluster.Admission;

namespace Labs.Cluster.Workloads.Metrics;

/// <summary>
/// The usage of containers that run no processes here (the simulated ones): an idle server's few millicores and a few
/// MiB, or about half of what the container requests, never above its limits. Each container's figures are stable,
/// drawn from its pod's uid and its name, so <c>kubectl top</c> and <c>--sort-by</c> give the same answer each time;
/// a load generator's, what its command asks (<see cref="ContainerDemand"/>).
/// Nodes add what their system daemons use.
/// </summary>
internal static class SimulatedUsage
{
    private const long Mi = 1024 * 1024;

    /// <summary>CPU and memory of the kubelet, runtime and system daemons of a node; more on the control plane.</summary>
    public static (long NanoCores, long MemoryBytes) NodeOverhead(bool controlPlane) =>
        controlPlane ? (95_000_000, 780 * Mi) : (22_000_000, 310 * Mi);

    /// <summary>The usage of one container of a pod.</summary>
    public static ContainerUsage Of(JsonObject pod, JsonObject container)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(container);
        var name = container.Str("name") ?? "";
        var spread = Spread(pod.Uid() + "/" + name);
        var requests = PodResources.Requests(container);
        var limits = PodResources.Limits(container);

        // Millicores: 1 to 3 when idle, or 20-60% of the request.
        long nanoCores = requests.TryGetValue("cpu", out var cpu) && !cpu.IsZero
            ? (long)((double)cpu.MilliValue * (0.2 + (0.4 * spread)) * 1_000_000)
            : (long)((1 + (2 * spread)) * 1_000_000);
        long memory = requests.TryGetValue("memory", out var mem) && !mem.IsZero
            ? (long)((double)mem.Value * (0.4 + (0.3 * spread)))
            : (long)((2 + (10 * spread)) * Mi);
        // A load generator (stress) uses what its command says, up to its limits (the kernel throttles the CPU).
        if (ContainerDemand.Of(container) is { } demand)
        {
            memory = demand.MemoryBytes is { } held ? held + Mi : memory;
            nanoCores = demand.Cores is { } cores ? (long)(cores * 1_000_000_000) : nanoCores;
        }

        if (limits.TryGetValue("cpu", out var cpuLimit) && !cpuLimit.IsZero)
        {
            nanoCores = Math.Min(nanoCores, (long)((double)cpuLimit.MilliValue * 900_000));
        }

        if (limits.TryGetValue("memory", out var memLimit) && !memLimit.IsZero)
        {
            memory = Math.Min(memory, (long)((double)memLimit.Value * 0.9));
        }

        return new ContainerUsage(name, Math.Max(nanoCores, 100_000), Math.Max(memory, 256 * 1024));
    }

    // A stable number in [0, 1) for a key.
    private static double Spread(string key) => XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(key)) / (double)uint.MaxValue;
}
