using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads;

/// <summary>A container's environment as the kubelet makes it, and the errors that keep it from being created.</summary>
public sealed class ContainerEnvironmentTests
{
    private readonly FakeObjectStore _store = new();

    public ContainerEnvironmentTests()
    {
        _store.Create(new GroupResource("", "configmaps"), "ns", Parse("""{"metadata":{"name":"app"},"data":{"mode":"fast","level":"3"}}"""));
        _store.Create(new GroupResource("", "secrets"), "ns", Parse("""{"metadata":{"name":"db"},"data":{"password":"czNjcjN0"}}"""));
        _store.Create(new GroupResource("", "services"), "default",
            Parse("""{"metadata":{"name":"kubernetes"},"spec":{"clusterIP":"10.96.0.1","ports":[{"name":"https","port":443,"protocol":"TCP"}]}}"""));
        _store.Create(new GroupResource("", "services"), "ns",
            Parse("""{"metadata":{"name":"web-api"},"spec":{"clusterIP":"10.96.4.7","ports":[{"port":80,"protocol":"TCP"},{"name":"metrics","port":9090,"protocol":"TCP"}]}}"""));
        _store.Create(new GroupResource("", "services"), "ns", Parse("""{"metadata":{"name":"headless"},"spec":{"clusterIP":"None","ports":[{"port":80}]}}"""));
    }

    [Fact]
    public void Values_come_from_config_maps_secrets_and_the_pod_with_references_expanded()
    {
        var env = Resolve("""
            "envFrom": [ { "configMapRef": { "name": "app" }, "prefix": "APP_" } ],
            "env": [
              { "name": "PASSWORD", "valueFrom": { "secretKeyRef": { "name": "db", "key": "password" } } },
              { "name": "MODE", "valueFrom": { "configMapKeyRef": { "name": "app", "key": "mode" } } },
              { "name": "POD", "valueFrom": { "fieldRef": { "fieldPath": "metadata.name" } } },
              { "name": "NODE", "valueFrom": { "fieldRef": { "fieldPath": "spec.nodeName" } } },
              { "name": "TIER", "valueFrom": { "fieldRef": { "fieldPath": "metadata.labels['tier']" } } },
              { "name": "CPU", "valueFrom": { "resourceFieldRef": { "resource": "limits.cpu", "divisor": "1m" } } },
              { "name": "MEM", "valueFrom": { "resourceFieldRef": { "resource": "requests.memory", "divisor": "1Mi" } } },
              { "name": "URL", "value": "http://$(POD):$(WEB_API_SERVICE_PORT)/$(MODE)/$(NOPE)/$$(MODE)" }
            ]
            """);

        Assert.Equal("fast", env["APP_mode"]);
        Assert.Equal("3", env["APP_level"]);
        Assert.Equal("s3cr3t", env["PASSWORD"]);
        Assert.Equal("fast", env["MODE"]);
        Assert.Equal("web-0", env["POD"]);
        Assert.Equal("labs-node-1", env["NODE"]);
        Assert.Equal("front", env["TIER"]);
        Assert.Equal("500", env["CPU"]);
        Assert.Equal("64", env["MEM"]);
        Assert.Equal("http://web-0:80/fast/$(NOPE)/$(MODE)", env["URL"]);
    }

    [Fact]
    public void Services_of_the_namespace_and_the_api_server_give_their_variables()
    {
        var env = Resolve("");

        Assert.Equal("10.96.0.1", env["KUBERNETES_SERVICE_HOST"]);
        Assert.Equal("443", env["KUBERNETES_SERVICE_PORT"]);
        Assert.Equal("443", env["KUBERNETES_SERVICE_PORT_HTTPS"]);
        Assert.Equal("tcp://10.96.0.1:443", env["KUBERNETES_PORT"]);
        Assert.Equal("tcp://10.96.0.1:443", env["KUBERNETES_PORT_443_TCP"]);
        Assert.Equal("10.96.4.7", env["WEB_API_SERVICE_HOST"]);
        Assert.Equal("80", env["WEB_API_SERVICE_PORT"]);
        Assert.Equal("9090", env["WEB_API_SERVICE_PORT_METRICS"]);
        Assert.Equal("tcp", env["WEB_API_PORT_9090_TCP_PROTO"]);
        Assert.Equal("10.96.4.7", env["WEB_API_PORT_80_TCP_ADDR"]);
        Assert.DoesNotContain(env.Keys, k => k.StartsWith("HEADLESS", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "name": "X", "valueFrom": { "configMapKeyRef": { "name": "missing", "key": "k" } } }""", "configmap \"missing\" not found")]
    [InlineData("""{ "name": "X", "valueFrom": { "configMapKeyRef": { "name": "app", "key": "colour" } } }""", "couldn't find key colour in ConfigMap ns/app")]
    [InlineData("""{ "name": "X", "valueFrom": { "secretKeyRef": { "name": "nope", "key": "k" } } }""", "secret \"nope\" not found")]
    [InlineData("""{ "name": "X", "valueFrom": { "secretKeyRef": { "name": "db", "key": "user" } } }""", "couldn't find key user in Secret ns/db")]
    public void A_missing_source_or_key_is_the_kubelets_error(string variable, string error)
    {
        Assert.Equal(error, ContainerEnvironment.Resolve(_store, Pod($"\"env\": [ {variable} ]"), Container(Pod($"\"env\": [ {variable} ]"))).Error);
    }

    [Fact]
    public void Optional_sources_that_are_missing_are_left_out()
    {
        var env = Resolve("""
            "envFrom": [ { "secretRef": { "name": "nope", "optional": true } } ],
            "env": [ { "name": "X", "valueFrom": { "configMapKeyRef": { "name": "app", "key": "colour", "optional": true } } } ]
            """);

        Assert.False(env.ContainsKey("X"));
        var error = ContainerEnvironment.Resolve(_store, Pod("""  "envFrom": [ { "secretRef": { "name": "nope" } } ]  """),
            Container(Pod("""  "envFrom": [ { "secretRef": { "name": "nope" } } ]  """))).Error;
        Assert.Equal("secret \"nope\" not found", error);
    }

    private Dictionary<string, string> Resolve(string containerFields)
    {
        var pod = Pod(containerFields);
        var (variables, error) = ContainerEnvironment.Resolve(_store, pod, Container(pod));
        Assert.Null(error);
        return variables.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
    }

    private static JsonObject Container(JsonObject pod) => pod.Arr("spec", "containers").Objects().First();

    private static JsonObject Pod(string containerFields) => Parse($$"""
        {
          "metadata": { "name": "web-0", "namespace": "ns", "uid": "u-1", "labels": { "tier": "front" } },
          "spec": {
            "nodeName": "labs-node-1",
            "containers": [ { "name": "app", "image": "nginx", "resources": { "limits": { "cpu": "500m", "memory": "128Mi" }, "requests": { "memory": "64Mi" } }
              {{(containerFields.Trim().Length > 0 ? "," + containerFields : "")}} } ]
          }
        }
        """);

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
