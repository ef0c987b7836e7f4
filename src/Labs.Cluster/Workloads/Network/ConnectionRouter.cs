using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads.Network;

/// <summary>
/// Where a pod's connection goes in the cluster network, as kube-proxy and a policy-enforcing CNI decide: to a
/// Service's cluster IP and port, one of the ready addresses of its Endpoints (picked at random, the next one tried
/// when it refuses) on the endpoint port of the Service port's name; to a pod IP, that pod. A NetworkPolicy that does
/// not allow it (checked against the pod it would reach) drops it; nothing there refuses it. The <c>kubernetes</c>
/// Service of <c>default</c> is the API server itself (egress policies apply to it by its IP).
/// </summary>
internal sealed class ConnectionRouter(IObjectStore store, PodNetwork pods, NetworkPolicies policies, WorkloadOptions options)
{
    // The cluster's DNS server as egress policies see it: kube-dns's pods in kube-system, at its Service IP.
    private static readonly JsonObject DnsServer = new()
    {
        ["metadata"] = new JsonObject { ["namespace"] = "kube-system", ["labels"] = new JsonObject { ["k8s-app"] = "kube-dns" } },
    };

    private readonly ClusterDns _dns = new(store);

    /// <summary>The cluster DNS server's answer to a pod's query over UDP, or null when an egress policy drops it.</summary>
    public byte[]? AnswerDns(ReadOnlySpan<byte> query, IPEndPoint source)
    {
        var sourceIp = source.Address.ToString();
        if (!policies.Allows(PodByIp(sourceIp), sourceIp, DnsServer, ClusterDns.ServerAddress, 53, "UDP"))
        {
            return null;
        }

        var name = DnsMessage.Question(query)?.Name;
        return DnsMessage.Answer(query, name is null ? null : _dns.Resolve(name), ClusterDns.TtlSeconds);
    }

    public async Task<RouteResult> RouteAsync(IPEndPoint destination, IPEndPoint source, CancellationToken cancellationToken)
    {
        var ip = destination.Address.ToString();
        var sourceIp = source.Address.ToString();
        var client = PodByIp(sourceIp);
        var remote = $"{sourceIp}:{source.Port}";
        if (Service(ip, destination.Port) is { } found)
        {
            var (service, portName) = found;
            if (service.Namespace() == "default" && service.Name() == "kubernetes")
            {
                return !policies.Allows(client, sourceIp, null, ip, destination.Port) ? RouteResult.Dropped
                    : RouteResult.To(options.ApiServerSocket is { } api ? await SocketStream.ConnectUnixAsync(api, cancellationToken) : null);
            }

            var dropped = false;
            foreach (var (address, port) in Shuffle(ReadyAddresses(service, portName)))
            {
                if (PodAt(address.Str("targetRef", "namespace") ?? service.Namespace(), address.Str("targetRef", "name"), address.Str("ip")) is not { } pod)
                {
                    continue;
                }

                if (!policies.Allows(client, sourceIp, pod, address.Str("ip") ?? "", port))
                {
                    dropped = true;
                    continue;
                }

                if (await pods.ConnectAsync(pod, port, remote, cancellationToken, overBridge: true) is { } stream)
                {
                    return RouteResult.To(stream);
                }
            }

            return dropped ? RouteResult.Dropped : RouteResult.Refuse;
        }

        if (PodByIp(ip) is not { } target)
        {
            return RouteResult.Refuse;
        }

        return policies.Allows(client, sourceIp, target, ip, destination.Port)
            ? RouteResult.To(await pods.ConnectAsync(target, destination.Port, remote, cancellationToken, overBridge: true))
            : RouteResult.Dropped;
    }

    private JsonObject? PodByIp(string ip) =>
        store.List(WorkloadResources.Pods, null).Items.FirstOrDefault(p => p.Str("status", "podIP") == ip && p.Str("status", "phase") is not ("Succeeded" or "Failed"));

    private (JsonObject Service, string? PortName)? Service(string ip, int port)
    {
        foreach (var service in store.List(WorkloadResources.Services, null).Items)
        {
            if (service.Str("spec", "clusterIP") != ip)
            {
                continue;
            }

            var match = service.Arr("spec", "ports").Objects().FirstOrDefault(p => p.Long("port") == port && (p.Str("protocol") ?? "TCP") == "TCP");
            return match is null ? null : (service, match.Str("name"));
        }

        return null;
    }

    // The Endpoints' ready addresses with the port of the Service port's name (an unnamed port when it has no name).
    private IEnumerable<(JsonObject Address, int Port)> ReadyAddresses(JsonObject service, string? portName) =>
        from ready in ServiceEndpoints.Ready(store, service.Namespace() ?? "default", service.Name() ?? "")
        let port = ready.Subset.Arr("ports").Objects().FirstOrDefault(p => (p.Str("name") ?? "") == (portName ?? "") || portName is null)?.Long("port")
        where port is not null
        select (ready.Address, (int)port!.Value);

    // The pod behind an endpoint address: by its targetRef, else by its IP.
    private JsonObject? PodAt(string? ns, string? name, string? ip)
    {
        if (ns is not null && name is not null && store.Get(WorkloadResources.Pods, ns, name) is { } pod && pod.Str("status", "podIP") == ip)
        {
            return pod;
        }

        return ip is null ? null : PodByIp(ip);
    }

    private static List<T> Shuffle<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = RandomNumberGenerator.GetInt32(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }
}
