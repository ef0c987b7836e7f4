namespace Labs.Conformance.Tests;

/// <summary>
/// Pod commands that need a kubelet, against a cluster whose workloads run: graceful deletion that kubectl waits out,
/// and the interactive subresources.
/// </summary>
public sealed class KubectlPodTests(WorkloadCluster k) : IClassFixture<WorkloadCluster>
{
    private async Task RunningAsync(string ns, params string[] runArgs)
    {
        var run = await k.RunAsync(["run", "-n", ns, .. runArgs]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var ready = await k.RunAsync("wait", $"pod/{runArgs[0]}", "-n", ns, "--for=condition=Ready", "--timeout=60s");
        Assert.True(ready.ExitCode == 0, ready.ToString());
    }

    [Fact]
    public async Task Delete_waits_until_the_kubelet_has_stopped_the_pod_and_removed_it()
    {
        var ns = await k.CreateNamespaceAsync();
        await RunningAsync(ns, "web", "--image=nginx");

        var delete = await k.RunAsync("delete", "pod", "web", "-n", ns, "--timeout=60s");

        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Equal("pod \"web\" deleted", delete.Stdout.Trim());
        var get = await k.RunAsync("get", "pod", "web", "-n", ns);
        Assert.Equal(1, get.ExitCode);
        Assert.Equal("Error from server (NotFound): pods \"web\" not found", get.Stderr.Trim());
    }

    [Fact]
    public async Task Run_with_stdin_and_rm_attaches_passes_input_and_removes_the_pod_when_it_is_done()
    {
        var ns = await k.CreateNamespaceAsync();

        var run = await k.RunWithInputAsync("hello\n",
            ["run", "tmp", "-i", "--rm", "--restart=Never", "--image=busybox", "-n", ns, "--", "sh", "-c", "read x; echo got $x"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("got hello", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("pod \"tmp\" deleted", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, (await k.RunAsync("get", "pod", "tmp", "-n", ns)).ExitCode);
    }

    [Fact]
    public async Task Run_with_stdin_reports_the_containers_exit_code_as_its_own()
    {
        var ns = await k.CreateNamespaceAsync();

        var run = await k.RunWithInputAsync("x\n", ["run", "fails", "-i", "--restart=Never", "--image=busybox", "-n", ns, "--", "sh", "-c", "read x; exit 3"]);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains($"pod {ns}/fails terminated (Error)", run.Stderr, StringComparison.Ordinal);
        var phase = await k.RunAsync("get", "pod", "fails", "-n", ns, "-o", "jsonpath={.status.phase} {.status.containerStatuses[0].state.terminated.exitCode}");
        Assert.Equal("Failed 3", phase.Stdout.Trim());
    }

    [Fact]
    public async Task Attach_joins_an_interactive_containers_shell_and_logs_show_what_it_wrote()
    {
        var ns = await k.CreateNamespaceAsync();
        await RunningAsync(ns, "shell", "--image=busybox", "-i", "--attach=false", "--restart=Never", "--", "sh");

        var attach = await k.RunWithInputAsync("echo attached-$((6*7))\nexit 0\n", ["attach", "shell", "-i", "-n", ns]);

        Assert.True(attach.ExitCode == 0, attach.ToString());
        Assert.Contains("attached-42", attach.Stdout, StringComparison.Ordinal);
        var logs = await k.RunAsync("logs", "shell", "-n", ns);
        Assert.Contains("attached-42", logs.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Debug_adds_an_ephemeral_container_that_runs_in_the_pods_sandbox_and_attaches_to_it()
    {
        var ns = await k.CreateNamespaceAsync();
        await RunningAsync(ns, "web", "--image=nginx");

        var debug = await k.RunWithInputAsync("echo in-debug-$((6*7)) $HOSTNAME\nexit 0\n",
            ["debug", "pod/web", "-i", "--profile=general", "--image=busybox", "--target=web", "-n", ns, "--", "sh"]);

        Assert.True(debug.ExitCode == 0, debug.ToString());
        Assert.Contains("in-debug-42 web", debug.Stdout, StringComparison.Ordinal);
        Assert.Contains("Defaulting debug container name to debugger-", debug.Stdout + debug.Stderr, StringComparison.Ordinal);
        var status = await k.RunAsync("get", "pod", "web", "-n", ns, "-o",
            "jsonpath={.spec.ephemeralContainers[0].targetContainerName} {.status.ephemeralContainerStatuses[0].state.terminated.exitCode}");
        Assert.Equal("web 0", status.Stdout.Trim());
    }

    [Fact]
    public async Task A_misspelled_image_tag_is_ErrImagePull_then_ImagePullBackOff_with_the_kubelets_events_until_it_is_fixed()
    {
        var ns = await k.CreateNamespaceAsync();
        Assert.Equal(0, (await k.RunAsync("run", "web", "--image=nginx:latets", "-n", ns)).ExitCode);

        var backOff = await k.RunAsync("wait", "pod/web", "-n", ns, "--for=jsonpath={.status.containerStatuses[0].state.waiting.reason}=ImagePullBackOff", "--timeout=60s");
        Assert.True(backOff.ExitCode == 0, backOff.ToString());
        var get = await k.RunAsync("get", "pod", "web", "-n", ns, "--no-headers");
        Assert.Matches(@"^web\s+0/1\s+(ImagePullBackOff|ErrImagePull)\s+0\s", get.Stdout);
        var describe = await k.RunAsync("describe", "pod", "web", "-n", ns);
        Assert.Matches(@"Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned " + ns + "/web to labs-node-\\d", describe.Stdout);
        Assert.Contains("Failed to pull image \"nginx:latets\": rpc error: code = NotFound desc = failed to pull and unpack image " +
            "\"docker.io/library/nginx:latets\"", describe.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"Warning\s+Failed\s+\S+\s+kubelet\s+Error: ErrImagePull", describe.Stdout);
        Assert.Matches(@"Normal\s+BackOff\s+\S+\s+kubelet\s+Back-off pulling image ""nginx:latets""", describe.Stdout);

        Assert.Equal(0, (await k.RunAsync("set", "image", "pod/web", "web=nginx:1.27", "-n", ns)).ExitCode);
        var ready = await k.RunAsync("wait", "pod/web", "-n", ns, "--for=condition=Ready", "--timeout=60s");
        Assert.True(ready.ExitCode == 0, ready.ToString());
        var events = await k.RunAsync("get", "events", "-n", ns, "--field-selector=involvedObject.name=web", "-o", "jsonpath={range .items[*]}{.reason}:{.message}{\"\\n\"}{end}");
        Assert.Contains("Started:Started container web", events.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Env_from_a_config_map_is_in_the_container_and_a_missing_key_is_CreateContainerConfigError_until_it_is_added()
    {
        var ns = await k.CreateNamespaceAsync();
        Assert.Equal(0, (await k.RunAsync("create", "configmap", "app", "--from-literal=mode=fast", "-n", ns)).ExitCode);
        Assert.Equal(0, (await k.RunAsync("apply", "-n", ns, "-f", k.WriteManifest(EnvPod("reader", "mode")))).ExitCode);
        Assert.Equal(0, (await k.RunAsync("apply", "-n", ns, "-f", k.WriteManifest(EnvPod("broken", "colour")))).ExitCode);

        var ready = await k.RunAsync("wait", "pod/reader", "-n", ns, "--for=condition=Ready", "--timeout=60s");
        Assert.True(ready.ExitCode == 0, ready.ToString());
        var env = await k.RunAsync("exec", "reader", "-n", ns, "--", "env");
        Assert.True(env.ExitCode == 0, env.ToString());
        Assert.Contains("VALUE=fast\n", env.Stdout, StringComparison.Ordinal);
        Assert.Contains("CFG_mode=fast\n", env.Stdout, StringComparison.Ordinal);
        Assert.Contains("MY_POD=reader\n", env.Stdout, StringComparison.Ordinal);
        Assert.Contains("KUBERNETES_SERVICE_HOST=", env.Stdout, StringComparison.Ordinal);

        var stuck = await k.RunAsync("wait", "pod/broken", "-n", ns,
            "--for=jsonpath={.status.containerStatuses[0].state.waiting.reason}=CreateContainerConfigError", "--timeout=60s");
        Assert.True(stuck.ExitCode == 0, stuck.ToString());
        Assert.Matches(@"^broken\s+0/1\s+CreateContainerConfigError\s", (await k.RunAsync("get", "pod", "broken", "-n", ns, "--no-headers")).Stdout);
        Assert.Contains($"Error: couldn't find key colour in ConfigMap {ns}/app", (await k.RunAsync("describe", "pod", "broken", "-n", ns)).Stdout,
            StringComparison.Ordinal);

        // The kubelet tries again: once the key is there, the container starts.
        Assert.Equal(0, (await k.RunAsync("patch", "configmap", "app", "-n", ns, "-p", """{"data":{"colour":"blue"}}""")).ExitCode);
        var started = await k.RunAsync("wait", "pod/broken", "-n", ns, "--for=condition=Ready", "--timeout=60s");
        Assert.True(started.ExitCode == 0, started.ToString());
    }

    private static string EnvPod(string name, string key) => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
        spec:
          containers:
          - name: app
            image: nginx:1.27
            envFrom:
            - configMapRef:
                name: app
              prefix: CFG_
            env:
            - name: VALUE
              valueFrom:
                configMapKeyRef:
                  name: app
                  key: {{key}}
            - name: MY_POD
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
        """;
}
