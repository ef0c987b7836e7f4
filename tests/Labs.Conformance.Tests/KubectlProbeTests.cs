namespace Labs.Conformance.Tests;

/// <summary>
/// Readiness, liveness and startup probes against what the pod really serves (a simulated nginx answers on 80 only)
/// or, for exec, run in its sandbox: the kubelet's Unhealthy and Killing events in its words, readiness deciding the
/// Service's endpoints, and a failed liveness probe restarting the container.
/// </summary>
public sealed class KubectlProbeTests(WorkloadCluster k) : IClassFixture<WorkloadCluster>
{
    private static string Nginx(string name, string probes) => $$$"""
        apiVersion: v1
        kind: Pod
        metadata: {name: {{{name}}}, labels: {app: web}}
        spec:
          containers:
          - name: web
            image: nginx:1.27
            ports: [{containerPort: 80}]
        {{{probes}}}
        """;

    [Fact]
    public async Task A_readiness_probe_on_the_wrong_port_keeps_the_pod_unready_and_out_of_the_services_endpoints()
    {
        var ns = await k.CreateNamespaceAsync();
        Assert.Equal(0, (await k.RunAsync("apply", "-n", ns, "-f", k.WriteManifest(Nginx("wrong", """
                readinessProbe: {httpGet: {path: /, port: 8080}, periodSeconds: 1}
            """)))).ExitCode);
        Assert.Equal(0, (await k.RunAsync("apply", "-n", ns, "-f", k.WriteManifest(Nginx("right", """
                readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 1}
            """)))).ExitCode);
        Assert.Equal(0, (await k.RunAsync("create", "service", "clusterip", "web", "-n", ns, "--tcp=80:80")).ExitCode);

        var ready = await k.RunAsync("wait", "pod/right", "-n", ns, "--for=condition=Ready", "--timeout=60s");
        Assert.True(ready.ExitCode == 0, ready.ToString());
        var unhealthy = await EventAsync(ns, "wrong", "Unhealthy");
        var ip = (await k.RunAsync("get", "pod", "wrong", "-n", ns, "-o", "jsonpath={.status.podIP}")).Stdout;
        Assert.Equal($"Readiness probe failed: Get \"http://{ip}:8080/\": dial tcp {ip}:8080: connect: connection refused", unhealthy);
        Assert.Matches(@"^wrong\s+0/1\s+Running\s+0\s", (await k.RunAsync("get", "pod", "wrong", "-n", ns, "--no-headers")).Stdout);

        var endpoints = await k.RunAsync("get", "endpoints", "web", "-n", ns, "-o",
            "jsonpath={.subsets[0].addresses[*].targetRef.name}/{.subsets[0].notReadyAddresses[*].targetRef.name}");
        Assert.Equal("right/wrong", endpoints.Stdout);
        var previous = await k.RunAsync("logs", "right", "-n", ns, "--previous");
        Assert.Equal(1, previous.ExitCode);
        Assert.Equal("Error from server (BadRequest): previous terminated container \"web\" in pod \"right\" not found\n", previous.Stderr);
    }

    [Fact]
    public async Task A_liveness_probe_that_starts_failing_restarts_the_container_with_the_kubelets_events()
    {
        var ns = await k.CreateNamespaceAsync();
        // The Kubernetes documentation's example, with shorter times.
        Assert.Equal(0, (await k.RunAsync("apply", "-n", ns, "-f", k.WriteManifest("""
            apiVersion: v1
            kind: Pod
            metadata: {name: liveness-exec}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: liveness
                image: busybox
                args: [/bin/sh, -c, "touch /tmp/healthy; sleep 3; rm -f /tmp/healthy; sleep 600"]
                livenessProbe:
                  exec: {command: [cat, /tmp/healthy]}
                  periodSeconds: 1
                  failureThreshold: 2
            """))).ExitCode);

        var restarted = await k.RunAsync("wait", "pod/liveness-exec", "-n", ns, "--for=jsonpath={.status.containerStatuses[0].restartCount}=1", "--timeout=90s");
        Assert.True(restarted.ExitCode == 0, restarted.ToString());
        Assert.StartsWith("Liveness probe failed: cat: /tmp/healthy: No such file or directory", await EventAsync(ns, "liveness-exec", "Unhealthy"),
            StringComparison.Ordinal);
        Assert.Equal("Container liveness failed liveness probe, will be restarted", await EventAsync(ns, "liveness-exec", "Killing"));
        var describe = await k.RunAsync("describe", "pod", "liveness-exec", "-n", ns);
        Assert.Matches(@"Liveness:\s+exec \[cat /tmp/healthy\] delay=0s timeout=1s period=1s #success=1 #failure=2", describe.Stdout);
        Assert.Matches(@"Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Exit Code:\s+143", describe.Stdout);
        Assert.Equal(0, (await k.RunAsync("logs", "liveness-exec", "-n", ns, "--previous")).ExitCode);
    }

    [Fact]
    public async Task A_startup_probe_that_never_succeeds_holds_back_readiness_and_restarts_the_container()
    {
        var ns = await k.CreateNamespaceAsync();
        Assert.Equal(0, (await k.RunAsync("apply", "-n", ns, "-f", k.WriteManifest(Nginx("slow", """
                startupProbe: {httpGet: {path: /healthz, port: 80}, periodSeconds: 1, failureThreshold: 2}
                readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 1}
            """)))).ExitCode);

        Assert.Equal("Startup probe failed: HTTP probe failed with statuscode: 404", await EventAsync(ns, "slow", "Unhealthy"));
        Assert.Equal("Container web failed startup probe, will be restarted", await EventAsync(ns, "slow", "Killing"));
        var status = await k.RunAsync("get", "pod", "slow", "-n", ns, "-o", "jsonpath={.status.containerStatuses[0].started} {.status.containerStatuses[0].ready}");
        Assert.Equal("false false", status.Stdout);
    }

    // The message of the pod's first event with that reason, once there is one.
    private async Task<string> EventAsync(string ns, string pod, string reason)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var events = await k.RunAsync("get", "events", "-n", ns, $"--field-selector=involvedObject.name={pod},reason={reason}", "-o",
                "jsonpath={.items[0].message}");
            if (events.Stdout.Length > 0 || DateTime.UtcNow > deadline)
            {
                return events.Stdout;
            }

            await Task.Delay(500, TestContext.Current.CancellationToken);
        }
    }
}
