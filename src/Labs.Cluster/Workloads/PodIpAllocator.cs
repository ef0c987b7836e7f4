namespace Labs.Cluster.Workloads;

/// <summary>Hands out unique pod IPs from each node's 10.244.&lt;node-1&gt;.0/24 range, like kind's CNI.</summary>
internal sealed class PodIpAllocator
{
    private readonly Dictionary<string, string> _byPod = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public string Allocate(string podUid, int nodeIndex)
    {
        if (_byPod.TryGetValue(podUid, out var existing))
        {
            return existing;
        }

        // Past .254 the next /24 is used; 110 pods per node never gets there, but a long-lived cluster might churn.
        for (var block = nodeIndex - 1; ; block += 64)
        {
            for (var host = 2; host < 255; host++)
            {
                var ip = $"10.244.{block % 256}.{host}";
                if (_used.Add(ip))
                {
                    _byPod[podUid] = ip;
                    return ip;
                }
            }
        }
    }

    public void Reserve(string podUid, string ip)
    {
        if (_byPod.TryAdd(podUid, ip))
        {
            _used.Add(ip);
        }
    }

    public void Release(string podUid)
    {
        if (_byPod.Remove(podUid, out var ip))
        {
            _used.Remove(ip);
        }
    }
}
