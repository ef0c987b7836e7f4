using System.Net;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads.Network;

/// <summary>
/// NetworkPolicy (networking.k8s.io/v1) as a policy-enforcing CNI applies it to one connection: a pod that some
/// policy of its namespace selects for Ingress accepts only what one of those policies' ingress rules allows, and a
/// pod selected for Egress opens only what an egress rule allows; a pod no policy selects is open that way. A rule
/// allows a peer (podSelector within the policy's namespace, namespaceSelector, both together, or an ipBlock with its
/// excepts; no peers: everyone) on its ports (a number, a range to endPort, or a name of the destination pod's
/// container ports; no ports: all). policyTypes, when absent, are Ingress, plus Egress when the policy has egress rules.
/// </summary>
internal sealed class NetworkPolicies(IObjectStore store)
{
    private static readonly GroupResource Policies = new("networking.k8s.io", "networkpolicies");

    /// <summary>
    /// Whether a connection from <paramref name="source"/> (a pod, or null for something else at
    /// <paramref name="sourceIp"/>) to <paramref name="target"/> (a pod, or null for a destination that is not one, at
    /// <paramref name="targetIp"/>) on <paramref name="port"/> of <paramref name="protocol"/> is allowed both ways.
    /// </summary>
    public bool Allows(JsonObject? source, string sourceIp, JsonObject? target, string targetIp, int port, string protocol = "TCP") =>
        (source is null || Allowed(source, "Egress", "egress", "to", target, targetIp, (port, protocol), target)) &&
        (target is null || Allowed(target, "Ingress", "ingress", "from", source, sourceIp, (port, protocol), target));

    // Whether the policies selecting `pod` for `type` let `peer` (at `peerIp`) through on `port` of `destination`.
    private bool Allowed(JsonObject pod, string type, string rulesField, string peersField, JsonObject? peer, string peerIp, (int Number, string Protocol) port, JsonObject? destination)
    {
        var ns = pod.Namespace() ?? "default";
        var selecting = store.List(Policies, ns).Items.Where(p => Selects(p.Obj("spec", "podSelector"), pod) && Types(p).Contains(type)).ToList();
        if (selecting.Count == 0)
        {
            return true;
        }

        return selecting.Any(policy => policy.Arr("spec", rulesField).Objects().Any(rule =>
            PortsAllow(rule.Arr("ports"), port, destination) &&
            (rule.Arr(peersField) is not { Count: > 0 } peers || peers.Objects().Any(p => PeerMatches(p, ns, peer, peerIp)))));
    }

    private static IEnumerable<string> Types(JsonObject policy)
    {
        if (policy.Arr("spec", "policyTypes") is { Count: > 0 } types)
        {
            return types.Select(t => t?.GetValue<string>() ?? "");
        }

        return policy.Arr("spec", "egress") is not null ? ["Ingress", "Egress"] : ["Ingress"];
    }

    private bool PeerMatches(JsonObject peer, string policyNamespace, JsonObject? pod, string ip)
    {
        if (peer.Obj("ipBlock") is { } block)
        {
            return InCidr(ip, block.Str("cidr")) && !(block.Arr("except") ?? []).Any(e => InCidr(ip, e?.GetValue<string>()));
        }

        if (pod is null)
        {
            return false;
        }

        var podNamespace = pod.Namespace() ?? "default";
        var namespaceOk = peer.Obj("namespaceSelector") is { } namespaces
            ? store.Get(WorkloadResources.Namespaces, null, podNamespace) is { } nsObject && Selects(namespaces, nsObject)
            : podNamespace == policyNamespace;
        return namespaceOk && (peer.Obj("podSelector") is not { } pods || Selects(pods, pod));
    }

    private static bool PortsAllow(JsonArray? ports, (int Number, string Protocol) wanted, JsonObject? destination)
    {
        var (port, protocol) = wanted;
        if (ports is not { Count: > 0 })
        {
            return true;
        }

        foreach (var rule in ports.Objects())
        {
            if ((rule.Str("protocol") ?? "TCP") != protocol)
            {
                continue;
            }

            switch (rule["port"])
            {
                case null:
                    return true;
                case JsonValue v when v.TryGetValue<string>(out var name):
                    if (destination is not null && NamedPort(destination, name, protocol) == port)
                    {
                        return true;
                    }

                    break;
                case JsonValue v when v.TryGetValue<long>(out var number):
                    if (port >= number && port <= (rule.Long("endPort") ?? number))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    private static long? NamedPort(JsonObject pod, string name, string protocol) =>
        pod.Arr("spec", "containers").Objects().Concat(pod.Arr("spec", "initContainers").Objects())
            .SelectMany(c => c.Arr("ports").Objects())
            .FirstOrDefault(p => p.Str("name") == name && (p.Str("protocol") ?? "TCP") == protocol)?.Long("containerPort");

    // An empty selector ({}) selects everything; an absent one is treated the same (podSelector is required).
    private static bool Selects(JsonObject? selector, JsonObject obj) =>
        selector is null || LabelSelector.Of(selector).Matches(obj);

    private static bool InCidr(string ip, string? cidr)
    {
        if (cidr is null || !IPAddress.TryParse(ip, out var address))
        {
            return false;
        }

        return IPNetwork.TryParse(cidr, out var network) && network.Contains(address);
    }
}
