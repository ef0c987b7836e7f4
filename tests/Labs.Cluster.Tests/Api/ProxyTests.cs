using System.Text.Json.Nodes;

namespace Labs.Cluster.Tests.Api;

/// <summary>
/// The pods and services proxy subresources: located as kube-apiserver does, carried into the network of a pod's
/// container that runs for real, and the API server's errors where nothing is there to answer.
/// </summary>
public sealed class ProxyTests
{
    private const string Pods = "/api/v1/namespaces/default/pods";
    private const string Services = "/api/v1/namespaces/default/services";

    // The answer, and a handler that reads the request's head (to its blank line) before it answers.
    private const string Serve = """
        printf 'HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nhello from the pod\n' > /tmp/answer
        printf '%s\n' 'sed -n "/^.\{0,1\}$/q"' 'cat /tmp/answer' > /tmp/serve
        exec socat TCP-LISTEN:8080,reuseaddr,fork EXEC:"sh /tmp/serve"
        """;

    // An interactive container (so it runs for real) serving one HTTP answer per connection on 8080.
    private static string Server()
    {
        var pod = (JsonObject)JsonNode.Parse("""
            { "apiVersion": "v1", "kind": "Pod", "metadata": { "name": "web", "labels": { "app": "web" } },
              "spec": { "containers": [ { "name": "web", "image": "busybox", "stdin": true, "ports": [ { "containerPort": 8080 } ] } ] } }
            """)!;
        pod["spec"]!["containers"]![0]!["command"] = new JsonArray("sh", "-c", Serve);
        return pod.ToJsonString();
    }

    private static async Task<JsonNode> RunningAsync(ApiTestCluster cluster, string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var (_, pod, _) = await cluster.GetAsync($"{Pods}/{name}");
            if ((string?)pod?["status"]?["phase"] == "Running")
            {
                return pod!;
            }

            Assert.True(DateTime.UtcNow < deadline, $"pod {name} did not run");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private static async Task<string> AnsweredAsync(ApiTestCluster cluster, string path)
    {
        // The server in the pod may not listen yet when the pod turns Running.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await cluster.Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if ((int)response.StatusCode == 200)
            {
                return text;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path} kept answering {(int)response.StatusCode}: {text}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task A_pod_proxy_reaches_a_server_in_the_pods_sandbox_on_its_first_container_port()
    {
        await using var cluster = await ApiTestCluster.StartAsync(runWorkloads: true);
        Assert.Equal(201, (await cluster.PostAsync(Pods, Server())).Status);
        await RunningAsync(cluster, "web");

        Assert.Equal("hello from the pod\n", await AnsweredAsync(cluster, $"{Pods}/web/proxy/"));
        Assert.Equal("hello from the pod\n", await AnsweredAsync(cluster, $"{Pods}/web:8080/proxy/any/path?x=1"));
    }

    [Fact]
    public async Task A_service_proxy_goes_to_a_pod_of_its_endpoints_and_says_so_when_there_is_none()
    {
        await using var cluster = await ApiTestCluster.StartAsync(runWorkloads: true);
        await cluster.PostAsync(Pods, Server());
        var pod = await RunningAsync(cluster, "web");
        await cluster.PostAsync(Services, """
            { "apiVersion": "v1", "kind": "Service", "metadata": { "name": "web" },
              "spec": { "selector": { "app": "web" }, "ports": [ { "port": 80, "targetPort": 8080 } ] } }
            """);

        var (status, wrongPort, _) = await cluster.GetAsync($"{Services}/web:81/proxy/");
        Assert.Equal(503, status);
        Assert.Equal("no service port 81 found for service \"web\"", (string?)wrongPort!["message"]);

        await cluster.PostAsync("/api/v1/namespaces/default/endpoints", $$"""
            { "apiVersion": "v1", "kind": "Endpoints", "metadata": { "name": "web" },
              "subsets": [ { "addresses": [ { "ip": "{{pod["status"]!["podIP"]}}", "targetRef": { "kind": "Pod", "name": "web" } } ],
                             "ports": [ { "port": 8080 } ] } ] }
            """);
        Assert.Equal("hello from the pod\n", await AnsweredAsync(cluster, $"{Services}/web:80/proxy/"));
    }

    [Fact]
    public async Task A_simulated_nginx_answers_on_80_where_nothing_listens_the_answer_is_the_refused_connection_and_bad_names_are_refused()
    {
        await using var cluster = await ApiTestCluster.StartAsync(runWorkloads: true);
        await cluster.PostAsync(Pods, """
            { "apiVersion": "v1", "kind": "Pod", "metadata": { "name": "quiet" }, "spec": { "containers": [ { "name": "web", "image": "nginx" } ] } }
            """);
        var pod = await RunningAsync(cluster, "quiet");

        Assert.Contains("<h1>Welcome to nginx!</h1>", await AnsweredAsync(cluster, $"{Pods}/quiet:80/proxy/"), StringComparison.Ordinal);
        var (status, refused, _) = await cluster.GetAsync($"{Pods}/quiet:81/proxy/");
        Assert.Equal(503, status);
        Assert.Equal("ServiceUnavailable", (string?)refused!["reason"]);
        Assert.Equal($"error trying to reach service: dial tcp {pod["status"]!["podIP"]}:81: connect: connection refused", (string?)refused["message"]);

        var (badStatus, bad, _) = await cluster.GetAsync($"{Pods}/a:b:c:d/proxy/");
        Assert.Equal(400, badStatus);
        Assert.Equal("invalid pod request \"a:b:c:d\"", (string?)bad!["message"]);
        Assert.Equal(404, (await cluster.GetAsync($"{Pods}/nope:80/proxy/")).Status);
    }
}
