using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads.Network;

/// <summary>NetworkPolicy's rules, decided for one connection as a policy-enforcing CNI would.</summary>
public sealed class NetworkPoliciesTests
{
    private static readonly GroupResource Policies = new("networking.k8s.io", "networkpolicies");
    private readonly FakeObjectStore _store = new();
    private readonly NetworkPolicies _policies;

    public NetworkPoliciesTests()
    {
        _policies = new NetworkPolicies(_store);
        Namespace("shop", """{"team": "shop"}""");
        Namespace("lab", """{"team": "lab"}""");
    }

    [Fact]
    public void Without_a_policy_everything_connects_and_a_selecting_policy_without_rules_denies_all_ingress()
    {
        var (client, web) = (Pod("lab", "client", """{"role": "client"}"""), Pod("shop", "web", """{"app": "web"}""", port: ("http", 8080)));
        Assert.True(Allows(client, web, 8080));

        Policy("shop", """{"podSelector": {}, "policyTypes": ["Ingress"]}""");
        Assert.False(Allows(client, web, 8080));
        Assert.True(Allows(web, client, 80), "egress of the denied pod is still open, and the client has no ingress policy");
    }

    [Fact]
    public void A_pod_selector_admits_only_its_own_namespace_and_a_namespace_selector_with_it_both_must_match()
    {
        var web = Pod("shop", "web", """{"app": "web"}""");
        var neighbour = Pod("shop", "client", """{"role": "client"}""");
        var visitor = Pod("lab", "client", """{"role": "client"}""");
        Policy("shop", """{"podSelector": {"matchLabels": {"app": "web"}}, "ingress": [{"from": [{"podSelector": {"matchLabels": {"role": "client"}}}]}]}""");
        Assert.True(Allows(neighbour, web, 80));
        Assert.False(Allows(visitor, web, 80));

        Policy("shop", """{"podSelector": {"matchLabels": {"app": "web"}}, "ingress": [{"from": [{"namespaceSelector": {"matchLabels": {"team": "lab"}}, "podSelector": {"matchLabels": {"role": "admin"}}}]}]}""", "second");
        Assert.False(Allows(visitor, web, 80));
        Policy("shop", """{"podSelector": {"matchLabels": {"app": "web"}}, "ingress": [{"from": [{"namespaceSelector": {"matchExpressions": [{"key": "team", "operator": "In", "values": ["lab"]}]}}]}]}""", "third");
        Assert.True(Allows(visitor, web, 80));
    }

    [Fact]
    public void Ports_by_number_by_range_and_by_the_destinations_port_name()
    {
        var client = Pod("lab", "client", "{}");
        var web = Pod("shop", "web", """{"app": "web"}""", port: ("http", 8080));
        Policy("shop", """{"podSelector": {}, "ingress": [{"ports": [{"port": "http"}, {"port": 9000, "endPort": 9010}, {"protocol": "UDP", "port": 53}]}]}""");
        Assert.True(Allows(client, web, 8080));
        Assert.True(Allows(client, web, 9005));
        Assert.False(Allows(client, web, 9011));
        Assert.False(Allows(client, web, 53));
    }

    [Fact]
    public void Egress_applies_when_typed_or_when_the_policy_has_egress_rules_and_an_ip_block_honours_its_excepts()
    {
        var client = Pod("lab", "client", """{"role": "client"}""", ip: "10.244.1.7");
        var web = Pod("shop", "web", """{"app": "web"}""", ip: "10.244.2.9");
        Policy("lab", """{"podSelector": {"matchLabels": {"role": "client"}}, "egress": [{"to": [{"ipBlock": {"cidr": "10.244.0.0/16", "except": ["10.244.2.0/24"]}}]}]}""");
        Assert.False(Allows(client, web, 80));
        Assert.True(_policies.Allows(client, "10.244.1.7", null, "10.244.3.1", 443), "an address in the block, not excepted");
        Assert.False(Allows(web, client, 80), "without policyTypes the policy is Ingress and Egress: with no ingress rule, the client accepts nothing");
    }

    [Fact]
    public void A_rule_for_udp_port_53_lets_dns_out_and_nothing_else()
    {
        var client = Pod("lab", "client", """{"role": "client"}""");
        var web = Pod("shop", "web", """{"app": "web"}""");
        var dns = Parse("""{"metadata": {"namespace": "kube-system", "labels": {"k8s-app": "kube-dns"}}}""");
        Policy("lab", """{"podSelector": {}, "policyTypes": ["Egress"], "egress": [{"ports": [{"protocol": "UDP", "port": 53}]}]}""");
        Assert.True(_policies.Allows(client, client.Str("status", "podIP")!, dns, ClusterDns.ServerAddress, 53, "UDP"));
        Assert.False(_policies.Allows(client, client.Str("status", "podIP")!, dns, ClusterDns.ServerAddress, 53));
        Assert.False(Allows(client, web, 80));
    }

    private bool Allows(JsonObject from, JsonObject to, int port) =>
        _policies.Allows(from, from.Str("status", "podIP")!, to, to.Str("status", "podIP")!, port);

    private void Namespace(string name, string labels) =>
        _store.Create(WorkloadResources.Namespaces, null, Parse($$$"""{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "{{{name}}}", "labels": {{{labels}}}}}"""));

    private void Policy(string ns, string spec, string name = "policy") =>
        _store.Create(Policies, ns, Parse($$$"""{"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "{{{name}}}", "namespace": "{{{ns}}}"}, "spec": {{{spec}}}}"""));

    private JsonObject Pod(string ns, string name, string labels, (string Name, int Number)? port = null, string? ip = null)
    {
        var ports = port is { } p ? $$$"""[{"name": "{{{p.Name}}}", "containerPort": {{{p.Number}}}}]""" : "[]";
        ip ??= $"10.244.0.{_store.List(WorkloadResources.Pods, null).Items.Count + 2}";
        return _store.Create(WorkloadResources.Pods, ns, Parse($$$"""
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "{{{name}}}", "namespace": "{{{ns}}}", "labels": {{{labels}}}},
             "spec": {"containers": [{"name": "main", "image": "nginx", "ports": {{{ports}}}}]}, "status": {"podIP": "{{{ip}}}"}}
            """));
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
