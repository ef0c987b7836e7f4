using System.Buffers.Binary;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads.Network;

/// <summary>The cluster DNS server's names and its answers on the wire, hostile queries included.</summary>
public sealed class ClusterDnsTests
{
    private static readonly GroupResource Endpoints = new("", "endpoints");
    private readonly FakeObjectStore _store = new();
    private readonly ClusterDns _dns;

    public ClusterDnsTests()
    {
        _dns = new ClusterDns(_store);
        Create(WorkloadResources.Namespaces, null, """{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}}""");
        Create(WorkloadResources.Services, "shop", """{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": "shop"}, "spec": {"clusterIP": "10.96.7.8"}}""");
        Create(WorkloadResources.Services, "shop", """{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "db", "namespace": "shop"}, "spec": {"clusterIP": "None"}}""");
        Create(Endpoints, "shop", """
            {"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": "db", "namespace": "shop"},
             "subsets": [{"addresses": [{"ip": "10.244.1.4", "hostname": "db-0"}, {"ip": "10.244.2.5", "hostname": "db-1"}], "ports": [{"port": 5432}]}]}
            """);
    }

    [Fact]
    public void Services_headless_services_their_hosts_and_pod_addresses_resolve_and_nothing_else_does()
    {
        Assert.Equal([IPAddress.Parse("10.96.7.8")], _dns.Resolve("web.shop.svc.cluster.local"));
        Assert.Equal(["10.244.1.4", "10.244.2.5"], _dns.Resolve("db.shop.svc.cluster.local")!.Select(a => a.ToString()));
        Assert.Equal([IPAddress.Parse("10.244.2.5")], _dns.Resolve("db-1.db.shop.svc.cluster.local"));
        Assert.Equal([IPAddress.Parse("10.244.3.9")], _dns.Resolve("10-244-3-9.shop.pod.cluster.local"));
        Assert.Empty(_dns.Resolve("shop.svc.cluster.local")!);

        Assert.Null(_dns.Resolve("nope.shop.svc.cluster.local"));
        Assert.Null(_dns.Resolve("web.elsewhere.svc.cluster.local"));
        Assert.Null(_dns.Resolve("web.shop.svc.cluster.local.shop.svc.cluster.local"));
        Assert.Null(_dns.Resolve("10-244.shop.pod.cluster.local"));
        Assert.Null(_dns.Resolve("example.com"));
    }

    [Fact]
    public void An_answer_echoes_the_question_with_a_records_nodata_for_aaaa_and_nxdomain_for_the_unknown()
    {
        var query = Query(0x1234, "Web.Shop.svc.cluster.local", DnsMessage.TypeA);
        var answer = DnsMessage.Answer(query, _dns.Resolve(DnsMessage.Question(query)!.Value.Name), ClusterDns.TtlSeconds);
        Assert.Equal(0x1234, BinaryPrimitives.ReadUInt16BigEndian(answer));
        Assert.Equal(0x85, answer[2]); // QR, AA, RD as asked.
        Assert.Equal(0, answer[3] & 0x0F);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16BigEndian(answer.AsSpan(6)));
        Assert.Equal([10, 96, 7, 8], answer[^4..]);
        Assert.Equal(ClusterDns.TtlSeconds, BinaryPrimitives.ReadUInt32BigEndian(answer.AsSpan(answer.Length - 10)));

        var aaaa = Query(7, "web.shop.svc.cluster.local", DnsMessage.TypeAaaa);
        var nodata = DnsMessage.Answer(aaaa, _dns.Resolve("web.shop.svc.cluster.local"), 5);
        Assert.Equal((0, 0), (nodata[3] & 0x0F, BinaryPrimitives.ReadUInt16BigEndian(nodata.AsSpan(6))));

        var unknown = Query(8, "example.com", DnsMessage.TypeA);
        Assert.Equal(3, DnsMessage.Answer(unknown, _dns.Resolve("example.com"), 5)[3] & 0x0F);
    }

    [Fact]
    public void Malformed_queries_get_a_format_error_or_nothing_and_never_an_exception()
    {
        Assert.Empty(DnsMessage.Answer([1, 2, 3], null, 5));
        var truncated = Query(9, "web.shop.svc.cluster.local", DnsMessage.TypeA)[..20];
        Assert.Equal(1, DnsMessage.Answer(truncated, null, 5)[3] & 0x0F);

        var pointer = Query(10, "web", DnsMessage.TypeA);
        pointer[12] = 0xC0; // A compression pointer where a label should be.
        Assert.Equal(1, DnsMessage.Answer(pointer, null, 5)[3] & 0x0F);

        var longLabel = Query(11, new string('a', 64) + ".cluster.local", DnsMessage.TypeA);
        Assert.Equal(1, DnsMessage.Answer(longLabel, null, 5)[3] & 0x0F);

        var response = Query(12, "web", DnsMessage.TypeA);
        response[2] |= 0x80; // Not a query at all.
        Assert.Null(DnsMessage.Question(response));

        var random = new Random(42);
        for (var i = 0; i < 2000; i++)
        {
            var noise = new byte[random.Next(0, 80)];
            random.NextBytes(noise);
            _ = DnsMessage.Answer(noise, null, 5);
        }
    }

    [Fact]
    public void A_pods_resolv_conf_follows_its_dns_policy_and_config_as_the_kubelets_does()
    {
        static JsonObject Pod(string spec) => JsonNode.Parse($$"""{"metadata": {"name": "p", "namespace": "shop"}, "spec": {{spec}}}""")!.AsObject();

        Assert.Equal("search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n", ClusterDns.ResolvConf(Pod("{}")));
        Assert.Equal(
            "search shop.svc.cluster.local svc.cluster.local cluster.local lab.svc.cluster.local\nnameserver 10.96.0.10\nnameserver 10.96.0.53\noptions ndots:2 edns0\n",
            ClusterDns.ResolvConf(Pod("""{"dnsConfig": {"searches": ["lab.svc.cluster.local", "svc.cluster.local"], "nameservers": ["10.96.0.53"], "options": [{"name": "ndots", "value": "2"}, {"name": "edns0"}]}}""")));
        Assert.Equal("search corp.example\nnameserver 10.96.0.53\n", ClusterDns.ResolvConf(Pod("""{"dnsPolicy": "None", "dnsConfig": {"searches": ["corp.example"], "nameservers": ["10.96.0.53"]}}""")));
        Assert.Equal("", ClusterDns.ResolvConf(Pod("""{"dnsPolicy": "Default"}""")));
    }

    private static byte[] Query(ushort id, string name, ushort type)
    {
        var message = new List<byte> { (byte)(id >> 8), (byte)id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.Split('.'))
        {
            message.Add((byte)label.Length);
            message.AddRange(Encoding.ASCII.GetBytes(label));
        }

        message.AddRange([0, (byte)(type >> 8), (byte)type, 0, 1]);
        return [.. message];
    }

    private void Create(GroupResource resource, string? ns, string json) => _store.Create(resource, ns, JsonNode.Parse(json)!.AsObject());
}
