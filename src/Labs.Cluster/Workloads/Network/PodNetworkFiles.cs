using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads.Network;

/// <summary>
/// The <c>/etc/resolv.conf</c> and <c>/etc/hosts</c> the kubelet gives a pod in the cluster network (dnsPolicy
/// ClusterFirst): the cluster DNS server with the namespace's search path (or what dnsPolicy and dnsConfig say), and the pod's own
/// name at its IP.
/// </summary>
internal static class PodNetworkFiles
{
    public const string ResolvConf = "resolv.conf";
    public const string Hosts = "hosts";

    /// <summary>Writes both files into <paramref name="directory"/> (the pod's identity directory) and returns it.</summary>
    public static string Write(string directory, JsonObject pod, string ip)
    {
        var ns = pod.Namespace() ?? "default";
        File.WriteAllText(Path.Combine(directory, ResolvConf), ClusterDns.ResolvConf(pod));
        var hostname = pod.Str("spec", "hostname") is { Length: > 0 } named ? named : pod.Name();
        var names = pod.Str("spec", "subdomain") is { Length: > 0 } subdomain
            ? $"{hostname}.{subdomain}.{ns}.svc.{ClusterDns.Domain}\t{hostname}"
            : hostname;
        File.WriteAllText(Path.Combine(directory, Hosts), $"""
            # Kubernetes-managed hosts file.
            127.0.0.1	localhost
            ::1	localhost ip6-localhost ip6-loopback
            fe00::0	ip6-localnet
            fe00::0	ip6-mcastprefix
            fe00::1	ip6-allnodes
            fe00::2	ip6-allrouters
            {ip}	{names}

            """);
        return directory;
    }
}
