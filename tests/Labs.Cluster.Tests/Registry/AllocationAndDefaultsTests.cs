using System.Text.Json.Nodes;
using Labs.Cluster.Tests.Api;

namespace Labs.Cluster.Tests.Registry;

/// <summary>What the API server fills in on create: node ports, the kubernetes Service, requests from limits on pods only.</summary>
public sealed class AllocationAndDefaultsTests
{
    [Fact]
    public async Task Every_port_of_a_node_port_service_gets_a_distinct_port_of_the_default_range_and_a_chosen_one_is_kept()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var created = await cluster.PostAsync("/api/v1/namespaces/default/services",
            """{"metadata":{"name":"web"},"spec":{"type":"NodePort","ports":[{"name":"a","port":80},{"name":"b","port":81},{"name":"c","port":82,"nodePort":30080}]}}""");
        Assert.Equal(201, created.Status);
        var ports = created.Body!["spec"]!["ports"]!.AsArray().Select(p => (long)p!["nodePort"]!).ToList();
        Assert.All(ports, p => Assert.InRange(p, 30000, 32767));
        Assert.Equal(3, ports.Distinct().Count());
        Assert.Equal(30080, ports[2]);
    }

    [Fact]
    public async Task A_cluster_ip_service_gets_no_node_port_and_a_headless_one_lists_none_as_its_addresses()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var plain = await cluster.PostAsync("/api/v1/namespaces/default/services", """{"metadata":{"name":"web"},"spec":{"ports":[{"port":80}]}}""");
        Assert.Null(plain.Body!["spec"]!["ports"]![0]!["nodePort"]);
        var headless = await cluster.PostAsync("/api/v1/namespaces/default/services", """{"metadata":{"name":"db"},"spec":{"clusterIP":"None"}}""");
        Assert.Equal(201, headless.Status);
        Assert.Equal("""["None"]""", headless.Body!["spec"]!["clusterIPs"]!.ToJsonString());
    }

    [Fact]
    public async Task A_replacement_that_leaves_out_the_cluster_ip_and_node_port_keeps_the_allocated_ones()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var created = await cluster.PostAsync("/api/v1/namespaces/default/services",
            """{"metadata":{"name":"web"},"spec":{"type":"NodePort","ports":[{"port":80}]}}""");
        var replaced = await cluster.SendAsync(HttpMethod.Put, "/api/v1/namespaces/default/services/web",
            """{"metadata":{"name":"web"},"spec":{"type":"NodePort","ports":[{"port":80}]}}""");
        Assert.Equal(200, replaced.Status);
        Assert.Equal((string?)created.Body!["spec"]!["clusterIP"], (string?)replaced.Body!["spec"]!["clusterIP"]);
        Assert.Equal((long)created.Body["spec"]!["ports"]![0]!["nodePort"]!, (long)replaced.Body["spec"]!["ports"]![0]!["nodePort"]!);
    }

    [Fact]
    public async Task The_default_namespace_holds_the_kubernetes_service_at_the_first_service_address()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var service = await cluster.GetAsync("/api/v1/namespaces/default/services/kubernetes");
        Assert.Equal(200, service.Status);
        Assert.Equal("10.96.0.1", (string?)service.Body!["spec"]!["clusterIP"]);
        Assert.Equal(443, (int)service.Body["spec"]!["ports"]![0]!["port"]!);
    }

    [Fact]
    public async Task A_pod_gets_requests_from_its_limits_but_a_deployment_template_keeps_what_was_written()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        const string Container = """{"name":"c","image":"nginx","resources":{"limits":{"cpu":"200m","memory":"64Mi"},"requests":{"cpu":"100m"}}}""";
        var pod = await cluster.PostAsync("/api/v1/namespaces/default/pods", $$$"""{"metadata":{"name":"p"},"spec":{"containers":[{{{Container}}}]}}""");
        Assert.Equal("""{"cpu":"100m","memory":"64Mi"}""", pod.Body!["spec"]!["containers"]![0]!["resources"]!["requests"]!.ToJsonString());

        var deployment = await cluster.PostAsync("/apis/apps/v1/namespaces/default/deployments",
            """{"metadata":{"name":"d"},"spec":{"selector":{"matchLabels":{"app":"d"}},"template":{"metadata":{"labels":{"app":"d"}},"spec":{"containers":["""
            + Container + "]}}}}");
        Assert.Equal(201, deployment.Status);
        var resources = deployment.Body!["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!;
        Assert.Equal("""{"cpu":"100m"}""", resources["requests"]!.ToJsonString());
    }

    [Fact]
    public async Task Only_kinds_whose_strategies_track_it_get_a_generation_and_a_dry_run_shows_the_same()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var settings = await cluster.PostAsync("/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"settings"},"data":{"a":"1"}}""");
        Assert.Null(settings.Body!["metadata"]!["generation"]);
        var changed = await cluster.SendAsync(HttpMethod.Put, "/api/v1/namespaces/default/configmaps/settings",
            """{"metadata":{"name":"settings"},"data":{"a":"2"}}""");
        Assert.Equal(200, changed.Status);
        Assert.Null(changed.Body!["metadata"]!["generation"]);
        var dryRun = await cluster.SendAsync(HttpMethod.Put, "/api/v1/namespaces/default/configmaps/settings?dryRun=All",
            """{"metadata":{"name":"settings"},"data":{"a":"3"}}""");
        Assert.False(dryRun.Body!["metadata"]!.AsObject().ContainsKey("generation"));

        var budget = await cluster.PostAsync("/apis/policy/v1/namespaces/default/poddisruptionbudgets?dryRun=All",
            """{"metadata":{"name":"web"},"spec":{"minAvailable":1,"selector":{"matchLabels":{"app":"web"}}}}""");
        Assert.Equal(1, (int)budget.Body!["metadata"]!["generation"]!);
    }

    [Fact]
    public async Task A_long_but_well_formed_name_hears_only_that_it_is_too_long()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var name = new string('a', 254);
        var refused = await cluster.PostAsync("/api/v1/namespaces/default/configmaps", $$$"""{"metadata":{"name":"{{{name}}}"}}""");
        Assert.Equal(422, refused.Status);
        var causes = refused.Body!["details"]!["causes"]!.AsArray();
        Assert.Equal("Invalid value: \"" + name + "\": must be no more than 253 characters", (string?)Assert.Single(causes)!["message"]);
    }
}
