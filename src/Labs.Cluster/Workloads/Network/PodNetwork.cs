using System.Text.Json.Nodes;
using Labs.Cluster.Workloads.Attach;
using Labs.Cluster.Workloads.Images;

namespace Labs.Cluster.Workloads.Network;

/// <summary>
/// Connections to a port of a pod, the one way the API server's proxy, port-forward and the kubelet's probes reach
/// it, and the way the cluster network's Services and simulated pods are reached: the simulated server of a running
/// container whose image serves that port (<see cref="ImageCatalog"/>), else a process of a container that runs for
/// real and listens there (in the pod's network namespace of the cluster network, or where there is none, in its
/// own); else nothing accepts.
/// </summary>
internal sealed class PodNetwork(ContainerRuntime runtime, ImageCatalog images, ClusterNetwork? network, TimeProvider time)
{
    /// <summary>
    /// A connection to <paramref name="port"/> of the pod, or null when nothing accepts it there (connection refused).
    /// <paramref name="remote"/> is the caller's address as the server sees it (ip:port), for its access log.
    /// <paramref name="overBridge"/>: a real process is reached at the pod's IP from the cluster network (as a Service's
    /// traffic is), not on the pod's loopback (as port-forward and the kubelet's probes here reach it).
    /// </summary>
    public async Task<Stream?> ConnectAsync(JsonObject pod, int port, string remote, CancellationToken cancellationToken, bool overBridge = false)
    {
        // A simulated server may run in a regular container or a sidecar (an init container runs one only while its turn lasts).
        foreach (var container in pod.Arr("spec", "containers").Objects().Concat(pod.Arr("spec", "initContainers").Objects()))
        {
            if (runtime.RunningSimulatedLog(pod.Uid(), container.Str("name") ?? "") is { } log &&
                ImageName.Parse(container.Str("image") ?? "", out _) is { } image &&
                images.Serves(image, port) is { } server)
            {
                var (client, end) = InMemoryConnection.Create();
                var simulated = new SimulatedServer(server, Values(pod, image, server, pod.Str("status", "podIP")), log, time);
                _ = Task.Run(() => simulated.ServeAsync(end, remote, CancellationToken.None), CancellationToken.None);
                return client;
            }
        }

        if (network is not null && network.HasNamespace(pod.Uid()))
        {
            return await network.ConnectAsync(pod.Uid(), port, loopback: !overBridge, cancellationToken);
        }

        foreach (var pid in runtime.CommandPids(pod.Uid()))
        {
            if (await SandboxTunnel.OpenAsync(pid, port, cancellationToken) is { } tunnel)
            {
                return tunnel;
            }
        }

        return null;
    }

    /// <summary>The values a server's texts are rendered with: its version (from the image's tag), Server header, the pod's name and IP.</summary>
    public static Dictionary<string, string> Values(JsonObject pod, ImageName image, ServerProfile server, string? podIp)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["version"] = server.VersionFor(image.Tag),
            ["hostname"] = pod.Name() ?? "",
            ["ip"] = podIp ?? "",
        };
        values["server"] = server.Server is { } header ? ServerProfile.Render(header, values, DateTimeOffset.UnixEpoch) : "";
        return values;
    }
}
