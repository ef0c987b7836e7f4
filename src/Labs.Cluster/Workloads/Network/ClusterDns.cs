using System.Net;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads.Network;

/// <summary>
/// The cluster's DNS names, as CoreDNS's kubernetes plugin answers them for <c>cluster.local</c>:
/// <c>SVC.NS.svc.cluster.local</c> is a Service's cluster IP (a headless Service's ready endpoint addresses);
/// <c>HOST.SVC.NS.svc.cluster.local</c> a pod with that hostname and subdomain; <c>A-B-C-D.NS.pod.cluster.local</c>
/// that address. Nothing else exists: there is no upstream, so no name outside the cluster resolves.
/// </summary>
internal sealed class ClusterDns(IObjectStore store)
{
    public const string ServerAddress = "10.96.0.10";
    public const string Domain = "cluster.local";

    /// <summary>CoreDNS's default TTL for the kubernetes plugin's records.</summary>
    public const uint TtlSeconds = 5;

    /// <summary>The addresses of <paramref name="name"/> (lower case, no final dot); empty when it exists without any; null when it does not exist.</summary>
    public IReadOnlyList<IPAddress>? Resolve(string name)
    {
        if (!name.EndsWith("." + Domain, StringComparison.Ordinal))
        {
            return name == Domain ? [] : null;
        }

        var labels = name[..^(Domain.Length + 1)].Split('.');
        return labels switch
        {
            ["svc"] => [],
            [var ns, "svc"] => NamespaceExists(ns) ? [] : null,
            [var service, var ns, "svc"] => Service(ns, service),
            [var host, var service, var ns, "svc"] => Host(ns, service, host),
            ["pod"] => [],
            [var ns, "pod"] => NamespaceExists(ns) ? [] : null,
            [var dashed, var ns, "pod"] => IPAddress.TryParse(dashed.Replace('-', '.'), out var ip) && dashed.Count(c => c == '-') == 3 && NamespaceExists(ns) ? [ip] : null,
            _ => null,
        };
    }

    /// <summary>
    /// The <c>resolv.conf</c> of a pod as the kubelet writes it: for dnsPolicy ClusterFirst (the default) the cluster DNS
    /// server, the namespace's search path and <c>ndots:5</c>; for None nothing but its dnsConfig; for Default the
    /// node's resolver, which here is none. dnsConfig's nameservers and searches come after, its options replace
    /// options of the same name.
    /// </summary>
    public static string ResolvConf(JsonObject pod)
    {
        var ns = pod.Namespace() ?? "default";
        var policy = pod.Str("spec", "dnsPolicy") ?? "ClusterFirst";
        var cluster = policy is "ClusterFirst" or "ClusterFirstWithHostNet";
        var nameservers = cluster ? new List<string> { ServerAddress } : [];
        var searches = cluster ? new List<string> { $"{ns}.svc.{Domain}", $"svc.{Domain}", Domain } : [];
        var options = cluster ? new List<(string Name, string? Value)> { ("ndots", "5") } : [];
        var config = pod.Obj("spec", "dnsConfig");
        nameservers.AddRange(Strings(config?.Arr("nameservers")));
        searches.AddRange(Strings(config?.Arr("searches")).Where(s => !searches.Contains(s)));
        foreach (var option in config?.Arr("options").Objects() ?? [])
        {
            if (option.Str("name") is { Length: > 0 } name)
            {
                options.RemoveAll(o => o.Name == name);
                options.Add((name, option.Str("value")));
            }
        }

        var text = new System.Text.StringBuilder();
        if (searches.Count > 0)
        {
            text.Append("search ").AppendJoin(' ', searches).Append('\n');
        }

        foreach (var server in nameservers)
        {
            text.Append("nameserver ").Append(server).Append('\n');
        }

        if (options.Count > 0)
        {
            text.Append("options ").AppendJoin(' ', options.Select(o => o.Value is null ? o.Name : $"{o.Name}:{o.Value}")).Append('\n');
        }

        return text.ToString();
    }

    private static IEnumerable<string> Strings(JsonArray? array) =>
        array?.Select(v => v is JsonValue value && value.TryGetValue<string>(out var s) ? s : null).OfType<string>() ?? [];

    private bool NamespaceExists(string ns) => store.Get(WorkloadResources.Namespaces, null, ns) is not null;

    private List<IPAddress>? Service(string ns, string name)
    {
        if (store.Get(WorkloadResources.Services, ns, name) is not { } service)
        {
            return null;
        }

        if (service.Str("spec", "clusterIP") is { } ip && ip != "None")
        {
            return IPAddress.TryParse(ip, out var address) ? [address] : [];
        }

        return [.. ReadyAddresses(ns, name).Select(a => a.Str("ip")).OfType<string>().Select(IPAddress.Parse)];
    }

    private List<IPAddress>? Host(string ns, string service, string host)
    {
        // A headless Service's endpoint with that hostname (a StatefulSet's pods), else a pod with that hostname and subdomain.
        var endpoint = ReadyAddresses(ns, service).FirstOrDefault(a => a.Str("hostname") == host)?.Str("ip");
        endpoint ??= store.List(WorkloadResources.Pods, ns).Items
            .FirstOrDefault(p => p.Str("spec", "hostname") == host && p.Str("spec", "subdomain") == service)?.Str("status", "podIP");
        return endpoint is not null && IPAddress.TryParse(endpoint, out var address) ? [address] : null;
    }

    private IEnumerable<JsonObject> ReadyAddresses(string ns, string service) =>
        ServiceEndpoints.Ready(store, ns, service).Select(r => r.Address);
}
