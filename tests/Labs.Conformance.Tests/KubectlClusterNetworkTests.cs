using System.Text.RegularExpressions;

namespace Labs.Conformance.Tests;

/// <summary>
/// The cluster network, as a learner uses it with <c>kubectl exec</c>: pods reach each other's IPs and Services'
/// cluster IPs, whether the server behind runs for real or is a simulated image; the containers of a pod share
/// <c>localhost</c>; the <c>kubernetes</c> Service is the API server; names resolve through the cluster DNS; NetworkPolicies decide who connects (ingress and
/// egress, pod and namespace selectors, ports); and a pod's network holds the pod and Service ranges only, which the
/// learner cannot change. Judged from addresses, routes and local connections only: nothing here is sent anywhere but
/// to this machine's own namespaces.
/// </summary>
public sealed partial class KubectlClusterNetworkTests(WorkloadCluster k) : IClassFixture<WorkloadCluster>
{
    private const string Pods = """
        apiVersion: v1
        kind: Pod
        metadata: {name: echo, labels: {app: echo}}
        spec:
          containers:
          - name: echo
            image: busybox
            command: [sh, -c, "socat TCP-LISTEN:9000,reuseaddr,fork SYSTEM:'echo hello from $(hostname)'"]
            ports: [{name: echo, containerPort: 9000}]
          - name: neighbour
            image: busybox
            command: [sh, -c, "until socat - TCP:localhost:9000 2>/dev/null; do sleep 0.5; done; sleep 3600"]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, labels: {app: web}}
        spec:
          containers: [{name: web, image: "nginx:1.27"}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: client}
        spec:
          containers: [{name: client, image: busybox, command: [sleep, "3600"]}]
        """;

    [Fact]
    public async Task Pods_reach_pods_and_services_by_ip_whether_real_or_simulated_and_a_pods_containers_share_localhost()
    {
        var ns = await StartAsync();
        var echoIp = await JsonPathAsync(ns, "pod/echo", "{.status.podIP}");
        var webIp = await JsonPathAsync(ns, "pod/web", "{.status.podIP}");
        var clientIp = await JsonPathAsync(ns, "pod/client", "{.status.podIP}");
        Assert.Equal(0, (await k.RunAsync("expose", "pod", "echo", "-n", ns, "--port", "90", "--target-port", "echo")).ExitCode);
        Assert.Equal(0, (await k.RunAsync("expose", "pod", "web", "-n", ns, "--port", "8080", "--target-port", "80")).ExitCode);
        var echoService = await JsonPathAsync(ns, "svc/echo", "{.spec.clusterIP}");
        var webService = await JsonPathAsync(ns, "svc/web", "{.spec.clusterIP}");

        Assert.Equal("hello from echo\n", await ExecAsync(ns, "client", "socat", "-", $"TCP:{echoIp}:9000"));
        Assert.Equal("hello from echo\n", await EventuallyAsync(ns, "client", "socat", "-", $"TCP:{echoService}:90"));
        Assert.Contains("<title>Welcome to nginx!</title>", await ExecAsync(ns, "client", "curl", "-sS", "-m", "10", $"http://{webIp}/"), StringComparison.Ordinal);
        Assert.Contains("<title>Welcome to nginx!</title>", await EventuallyAsync(ns, "client", "curl", "-sS", "-m", "10", $"http://{webService}:8080/"), StringComparison.Ordinal);

        // nginx's access log has the client pod's address; the sidecar reached its neighbour on localhost.
        Assert.Contains($"\n{clientIp} - - [", (await k.RunAsync("logs", "web", "-n", ns)).Stdout, StringComparison.Ordinal);
        Assert.Equal("hello from echo\n", (await k.RunAsync("logs", "echo", "-n", ns, "-c", "neighbour")).Stdout);
    }

    [Fact]
    public async Task A_port_nothing_serves_is_refused_and_the_kubernetes_service_is_the_api_server()
    {
        var ns = await StartAsync();
        var echoIp = await JsonPathAsync(ns, "pod/echo", "{.status.podIP}");

        // The platform takes every connection before it knows whether anything is there: a refusal is a reset.
        var refused = await k.RunAsync("exec", "-n", ns, "client", "--", "curl", "-sS", "-m", "10", $"http://{echoIp}:9999/");
        Assert.Equal(56, refused.ExitCode);
        Assert.Contains("Connection reset by peer", refused.Stderr, StringComparison.Ordinal);

        // An anonymous request, answered by the API server with its own Status.
        var answer = await ExecAsync(ns, "client", "curl", "-sSk", "-m", "10", "https://10.96.0.1/api/v1/namespaces");
        Assert.StartsWith("{\"kind\":\"Status\",\"apiVersion\":\"v1\"", answer, StringComparison.Ordinal);
        Assert.Contains("\"code\":401", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pods_network_has_its_ip_on_eth0_routes_to_the_pod_and_service_ranges_only_and_the_learner_cannot_change_it()
    {
        var ns = await StartAsync();
        var ip = await JsonPathAsync(ns, "pod/client", "{.status.podIP}");

        var addresses = await ExecAsync(ns, "client", "/usr/sbin/ip", "-4", "-o", "addr", "show");
        Assert.Equal(["lo 127.0.0.1/8", $"eth0 {ip}/32"], [.. InterfaceAddress().Matches(addresses).Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}")]);
        var routes = (await ExecAsync(ns, "client", "/usr/sbin/ip", "-4", "route", "show")).Trim().Split('\n').Select(r => r.Trim()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["10.244.0.0/16 via 10.244.0.1 dev eth0", "10.244.0.1 dev eth0 scope link", "10.96.0.0/12 via 10.244.0.1 dev eth0"], routes);

        var change = await k.RunAsync("exec", "-n", ns, "client", "--", "/usr/sbin/ip", "route", "add", "default", "via", "10.244.0.1");
        Assert.NotEqual(0, change.ExitCode);
        Assert.Contains("Operation not permitted", change.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NetworkPolicies_drop_what_they_do_not_allow_by_pod_namespace_and_port_both_ways()
    {
        var ns = await StartAsync();
        var other = await StartAsync();
        var webIp = await JsonPathAsync(ns, "pod/web", "{.status.podIP}");
        var echoIp = await JsonPathAsync(ns, "pod/echo", "{.status.podIP}");
        Assert.Equal(0, (await k.RunAsync("expose", "pod", "web", "-n", ns, "--port", "80")).ExitCode);
        var webService = await JsonPathAsync(ns, "svc/web", "{.spec.clusterIP}");
        Assert.Equal(0, (await k.RunAsync("label", "pod", "client", "role=client", "-n", ns)).ExitCode);
        Assert.Equal(0, (await k.RunAsync("label", "pod", "client", "role=client", "-n", other)).ExitCode);
        var page = $"http://{webIp}/";

        // Open until a policy selects the pod; then closed to all but what a rule lets in (the same namespace only).
        Assert.Contains("Welcome to nginx!", await ExecAsync(other, "client", "curl", "-sS", "-m", "10", page), StringComparison.Ordinal);
        await ApplyAsync(ns, """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web-from-clients}
            spec:
              podSelector: {matchLabels: {app: web}}
              ingress:
              - from: [{podSelector: {matchLabels: {role: client}}}]
                ports: [{port: 80}]
            """);
        await TimesOutAsync(other, page);
        Assert.Contains("Welcome to nginx!", await ExecAsync(ns, "client", "curl", "-sS", "-m", "10", page), StringComparison.Ordinal);
        Assert.Contains("Welcome to nginx!", await EventuallyAsync(ns, "client", "curl", "-sS", "-m", "10", $"http://{webService}/"), StringComparison.Ordinal);
        Assert.Equal(0, (await k.RunAsync("label", "pod", "client", "role-", "-n", ns)).ExitCode);
        await TimesOutAsync(ns, $"http://{webService}/");

        // A namespaceSelector lets the other namespace's clients in.
        Assert.Equal(0, (await k.RunAsync("label", "namespace", other, "team=friends")).ExitCode);
        await ApplyAsync(ns, """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web-from-friends}
            spec:
              podSelector: {matchLabels: {app: web}}
              policyTypes: [Ingress]
              ingress:
              - from: [{namespaceSelector: {matchLabels: {team: friends}}, podSelector: {matchLabels: {role: client}}}]
            """);
        Assert.Contains("Welcome to nginx!", await ExecAsync(other, "client", "curl", "-sS", "-m", "10", page), StringComparison.Ordinal);

        // Egress: the other namespace's client may reach only port 80 of app=web pods.
        Assert.Equal("hello from echo\n", await ExecAsync(other, "client", "socat", "-", $"TCP:{echoIp}:9000"));
        await ApplyAsync(other, """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: client-egress}
            spec:
              podSelector: {matchLabels: {role: client}}
              policyTypes: [Egress]
              egress:
              - to: [{namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}]
                ports: [{protocol: TCP, port: 80}]
            """);
        Assert.Contains("Welcome to nginx!", await ExecAsync(other, "client", "curl", "-sS", "-m", "10", page), StringComparison.Ordinal);
        var blocked = await k.RunAsync("exec", "-n", other, "client", "--", "timeout", "3", "socat", "-t", "5", "-", $"TCP:{echoIp}:9000");
        Assert.DoesNotContain("hello", blocked.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_resolve_through_the_cluster_dns_with_the_namespaces_search_path_and_nothing_outside_does()
    {
        var ns = await StartAsync();
        Assert.Equal(0, (await k.RunAsync("expose", "pod", "web", "-n", ns, "--port", "80")).ExitCode);
        var service = await JsonPathAsync(ns, "svc/web", "{.spec.clusterIP}");
        var ip = await JsonPathAsync(ns, "pod/client", "{.status.podIP}");

        Assert.Equal($"search {ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n", await ExecAsync(ns, "client", "cat", "/etc/resolv.conf"));
        Assert.EndsWith($"\n{ip}\tclient\n", await ExecAsync(ns, "client", "cat", "/etc/hosts"), StringComparison.Ordinal);
        Assert.StartsWith($"{service} ", await ExecAsync(ns, "client", "getent", "hosts", "web"), StringComparison.Ordinal);
        Assert.StartsWith($"{service} ", await ExecAsync(ns, "client", "getent", "hosts", $"web.{ns}.svc.cluster.local"), StringComparison.Ordinal);
        Assert.StartsWith("10.96.0.1 ", await ExecAsync(ns, "client", "getent", "hosts", "kubernetes.default"), StringComparison.Ordinal);
        Assert.Equal("10.96.0.10", await JsonPathAsync("kube-system", "svc/kube-dns", "{.spec.clusterIP}"));
        Assert.StartsWith("10.96.0.10 ", await ExecAsync(ns, "client", "getent", "hosts", "kube-dns.kube-system"), StringComparison.Ordinal);
        Assert.Contains("Welcome to nginx!", await EventuallyAsync(ns, "client", "curl", "-sS", "-m", "10", "http://web/"), StringComparison.Ordinal);

        // No upstream: a name outside the cluster does not exist.
        var outside = await k.RunAsync("exec", "-n", ns, "client", "--", "getent", "hosts", "example.com");
        Assert.Equal(2, outside.ExitCode);
    }

    private async Task ApplyAsync(string ns, string manifest) =>
        Assert.Equal(0, (await k.RunAsync("apply", "-n", ns, "-f", k.WriteManifest(manifest))).ExitCode);

    // A dropped connection: curl hears nothing until its own timeout (exit 28).
    private async Task TimesOutAsync(string ns, string url)
    {
        var result = await k.RunAsync("exec", "-n", ns, "client", "--", "curl", "-sS", "-m", "3", url);
        Assert.True(result.ExitCode == 28, result.ToString());
    }

    private async Task<string> StartAsync()
    {
        var ns = await k.CreateNamespaceAsync();
        Assert.Equal(0, (await k.RunAsync("apply", "-n", ns, "-f", k.WriteManifest(Pods))).ExitCode);
        var ready = await k.RunAsync("wait", "-n", ns, "--for=condition=Ready", "pod/echo", "pod/web", "pod/client", "--timeout=90s");
        Assert.True(ready.ExitCode == 0, ready.ToString());
        return ns;
    }

    private async Task<string> JsonPathAsync(string ns, string target, string path) =>
        (await k.RunAsync("get", target, "-n", ns, "-o", $"jsonpath={path}")).Stdout;

    private async Task<string> ExecAsync(string ns, string pod, params string[] command)
    {
        var result = await k.RunAsync(["exec", "-n", ns, pod, "--", .. command]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout;
    }

    // A Service's endpoints come a moment after the Service: the first connection may find none yet.
    private async Task<string> EventuallyAsync(string ns, string pod, params string[] command)
    {
        KubectlResult result = new(1, "", "");
        for (var attempt = 0; attempt < 60; attempt++)
        {
            result = await k.RunAsync(["exec", "-n", ns, pod, "--", .. command]);
            if (result.ExitCode == 0 && result.Stdout.Length > 0)
            {
                return result.Stdout;
            }

            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        Assert.Fail(result.ToString());
        return "";
    }

    [GeneratedRegex(@"^\d+:\s+(\S+)\s+inet (\S+)", RegexOptions.Multiline)]
    private static partial Regex InterfaceAddress();
}
