using System.Text.Json.Nodes;
using Labs.Cluster.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>The endpoints controller: which pods a Service lists, under which ports, ready or not.</summary>
public sealed class EndpointsControllerTests : IDisposable
{
    private static readonly GroupResource Endpoints = new("", "endpoints");
    private readonly FakeObjectStore _store = new();
    private readonly WorkQueue _queue = new(new FakeTimeProvider());
    private readonly EndpointsController _controller;

    public EndpointsControllerTests() => _controller = new EndpointsController(_store);

    public void Dispose() => _queue.Dispose();

    [Fact]
    public void Ready_pods_are_addresses_the_others_not_ready_addresses_and_a_named_target_port_is_the_pods_port()
    {
        _store.Create(WorkloadResources.Services, "ns", Parse("""
            { "metadata": { "name": "web", "labels": { "tier": "front" } },
              "spec": { "selector": { "app": "web" }, "ports": [ { "name": "http", "port": 80, "targetPort": "http-alt", "protocol": "TCP" } ] } }
            """));
        _store.Create(WorkloadResources.Pods, "ns", Pod("b", "10.244.0.10", ready: true));
        _store.Create(WorkloadResources.Pods, "ns", Pod("a", "10.244.0.9", ready: true));
        _store.Create(WorkloadResources.Pods, "ns", Pod("c", "10.244.1.2", ready: false));
        _store.Create(WorkloadResources.Pods, "ns", Pod("other", "10.244.1.3", ready: true, app: "db"));

        _controller.Reconcile(new WorkItem(WorkloadResources.Services, "ns", "web"), _queue);

        var endpoints = _store.Get(Endpoints, "ns", "web")!;
        Assert.Equal("front", endpoints.Str("metadata", "labels", "tier"));
        var subset = endpoints.Arr("subsets").Objects().Single();
        Assert.Equal(["10.244.0.9", "10.244.0.10"], subset.Arr("addresses").Objects().Select(a => a.Str("ip")));
        Assert.Equal("c", subset.Arr("notReadyAddresses").Objects().Single().Str("targetRef", "name"));
        Assert.Equal("""[{"name":"http","port":8080,"protocol":"TCP"}]""", subset["ports"]!.ToJsonString());

        var slice = _store.List(new GroupResource("discovery.k8s.io", "endpointslices"), "ns").Items.Single();
        Assert.Equal(("web", "endpointslice-controller.k8s.io"),
            (slice.Str("metadata", "labels", "kubernetes.io/service-name"), slice.Str("metadata", "labels", "endpointslice.kubernetes.io/managed-by")));
        Assert.StartsWith("web-", slice.Name(), StringComparison.Ordinal);
        Assert.Equal(["10.244.0.9 ready=true", "10.244.0.10 ready=true", "10.244.1.2 ready=false"],
            slice.Arr("endpoints").Objects().Select(e => $"{e["addresses"]![0]} ready={e.Obj("conditions")!["ready"]!.ToJsonString()}"));
        Assert.Equal("""[{"name":"http","port":8080,"protocol":"TCP"}]""", slice["ports"]!.ToJsonString());
    }

    [Fact]
    public void A_named_target_port_may_be_a_sidecars()
    {
        _store.Create(WorkloadResources.Services, "ns", Parse("""
            { "metadata": { "name": "web" }, "spec": { "selector": { "app": "web" }, "ports": [ { "port": 443, "targetPort": "tls", "protocol": "TCP" } ] } }
            """));
        var pod = Pod("a", "10.244.0.9", ready: true);
        pod["spec"]!["initContainers"] = JsonNode.Parse("""
            [ { "name": "setup", "image": "busybox", "ports": [ { "name": "tls", "containerPort": 1 } ] },
              { "name": "proxy", "image": "envoy", "restartPolicy": "Always", "ports": [ { "name": "tls", "containerPort": 8443 } ] } ]
            """);
        _store.Create(WorkloadResources.Pods, "ns", pod);

        _controller.Reconcile(new WorkItem(WorkloadResources.Services, "ns", "web"), _queue);

        var subset = _store.Get(Endpoints, "ns", "web")!.Arr("subsets").Objects().Single();
        Assert.Equal("""[{"port":8443,"protocol":"TCP"}]""", subset["ports"]!.ToJsonString());
    }

    [Fact]
    public void A_service_that_selects_nothing_has_endpoints_without_subsets_and_its_endpoints_go_with_it()
    {
        _store.Create(WorkloadResources.Services, "ns", Parse("""{ "metadata": { "name": "lonely" }, "spec": { "selector": { "app": "nobody" }, "ports": [ { "port": 80 } ] } }"""));
        _controller.Reconcile(new WorkItem(WorkloadResources.Services, "ns", ""), _queue);
        Assert.Null(_store.Get(Endpoints, "ns", "lonely")!["subsets"]);

        _store.Delete(WorkloadResources.Services, "ns", "lonely");
        _controller.Reconcile(new WorkItem(WorkloadResources.Services, "ns", "lonely"), _queue);
        Assert.Null(_store.Get(Endpoints, "ns", "lonely"));
    }

    [Fact]
    public void A_service_without_a_selector_keeps_the_endpoints_its_owner_wrote()
    {
        _store.Create(WorkloadResources.Services, "ns", Parse("""{ "metadata": { "name": "external" }, "spec": { "ports": [ { "port": 5432 } ] } }"""));
        _store.Create(Endpoints, "ns", Parse("""{ "metadata": { "name": "external" }, "subsets": [ { "addresses": [ { "ip": "192.168.1.5" } ], "ports": [ { "port": 5432 } ] } ] }"""));

        _controller.Reconcile(new WorkItem(WorkloadResources.Services, "ns", "external"), _queue);

        Assert.Equal("192.168.1.5", _store.Get(Endpoints, "ns", "external")!.Arr("subsets").Objects().Single().Arr("addresses").Objects().Single().Str("ip"));
    }

    private static JsonObject Pod(string name, string ip, bool ready, string app = "web") => Parse($$"""
        { "metadata": { "name": "{{name}}", "uid": "uid-{{name}}", "labels": { "app": "{{app}}" } },
          "spec": { "nodeName": "labs-node-1", "containers": [ { "name": "c", "image": "nginx", "ports": [ { "name": "http-alt", "containerPort": 8080 } ] } ] },
          "status": { "phase": "Running", "podIP": "{{ip}}", "conditions": [ { "type": "Ready", "status": "{{(ready ? "True" : "False")}}" } ] } }
        """);

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
