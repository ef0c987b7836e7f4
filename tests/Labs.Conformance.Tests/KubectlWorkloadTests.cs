namespace Labs.Conformance.Tests;

public sealed class KubectlWorkloadTests(WorkloadCluster k) : IClassFixture<WorkloadCluster>
{
    [Fact]
    public async Task Create_deployment_rolls_out_and_scales()
    {
        var ns = await k.CreateNamespaceAsync();
        var create = await k.RunAsync("create", "deployment", "web", "--image=nginx", "--replicas=2", "-n", ns);
        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.Contains("deployment.apps/web created", create.Stdout, StringComparison.Ordinal);

        var rollout = await k.RunAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s");
        Assert.True(rollout.ExitCode == 0, rollout.ToString());
        Assert.Contains("successfully rolled out", rollout.Stdout, StringComparison.Ordinal);

        var scale = await k.RunAsync("scale", "deployment/web", "--replicas=3", "-n", ns);
        Assert.True(scale.ExitCode == 0, scale.ToString());
        Assert.Contains("deployment.apps/web scaled", scale.Stdout, StringComparison.Ordinal);

        var pods = await k.RunAsync("get", "pods", "-n", ns, "-o", "wide");
        Assert.True(pods.ExitCode == 0, pods.ToString());
        Assert.Matches(@"NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE", pods.Stdout);
    }

    [Fact]
    public async Task Label_get_all_and_delete_namespace_work()
    {
        var ns = await k.CreateNamespaceAsync();
        var run = await k.RunAsync("run", "solo", "--image=busybox", "-n", ns);
        Assert.True(run.ExitCode == 0, run.ToString());
        var label = await k.RunAsync("label", "pod", "solo", "tier=x", "-n", ns);
        Assert.True(label.ExitCode == 0, label.ToString());
        Assert.Contains("pod/solo labeled", label.Stdout, StringComparison.Ordinal);
        var byLabel = await k.RunAsync("get", "pods", "-l", "tier=x", "-n", ns, "-o", "name");
        Assert.Equal("pod/solo", byLabel.Stdout.Trim());
        var all = await k.RunAsync("get", "all", "-n", ns);
        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.Contains("pod/solo", all.Stdout, StringComparison.Ordinal);
        var canI = await k.RunAsync("auth", "can-i", "create", "pods", "-n", ns);
        Assert.True(canI.Stdout.Trim() == "yes", canI.ToString());
        var delete = await k.RunAsync("delete", "namespace", ns);
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Contains($"namespace \"{ns}\" deleted", delete.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expose_and_get_services_show_ports()
    {
        var ns = await k.CreateNamespaceAsync();
        await k.RunAsync("create", "deployment", "api", "--image=nginx", "-n", ns);
        var expose = await k.RunAsync("expose", "deployment", "api", "--port=80", "-n", ns);
        Assert.True(expose.ExitCode == 0, expose.ToString());
        var services = await k.RunAsync("get", "svc", "-n", ns);
        Assert.True(services.ExitCode == 0, services.ToString());
        Assert.Matches(@"api\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+80/TCP", services.Stdout);
    }

    [Fact]
    public async Task Describe_logs_and_exec_reach_a_running_pod()
    {
        var ns = await k.CreateNamespaceAsync();
        var run = await k.RunAsync("run", "box", "--image=busybox", "-n", ns, "--", "sh", "-c", "echo box is up; sleep 3600");
        Assert.True(run.ExitCode == 0, run.ToString());
        var wait = await k.RunAsync("wait", "--for=condition=Ready", "pod/box", "-n", ns, "--timeout=60s");
        Assert.True(wait.ExitCode == 0, wait.ToString());
        var describe = await k.RunAsync("describe", "pod", "box", "-n", ns);
        Assert.True(describe.ExitCode == 0, describe.ToString());
        Assert.Matches(@"Status:\s+Running", describe.Stdout);
        var logs = await k.RunAsync("logs", "box", "-n", ns);
        Assert.True(logs.ExitCode == 0, logs.ToString());
        Assert.Equal("box is up", logs.Stdout.Trim());
        var exec = await k.RunAsync("exec", "box", "-n", ns, "--", "echo", "hello-from-exec");
        Assert.True(exec.ExitCode == 0, exec.ToString());
        Assert.Contains("hello-from-exec", exec.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_lists_the_ready_pods_it_selects_as_endpoints_and_one_that_selects_none_lists_none()
    {
        var ns = await k.CreateNamespaceAsync();
        Assert.Equal(0, (await k.RunAsync("create", "deployment", "web", "--image=nginx", "--replicas=2", "--port=80", "-n", ns)).ExitCode);
        var rollout = await k.RunAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=90s");
        Assert.True(rollout.ExitCode == 0, rollout.ToString());
        Assert.Equal(0, (await k.RunAsync("expose", "deployment", "web", "--port=8080", "--target-port=80", "-n", ns)).ExitCode);
        Assert.Equal(0, (await k.RunAsync("create", "service", "clusterip", "wrong", "--tcp=80:80", "-n", ns)).ExitCode);

        var listed = await k.RunAsync("wait", "endpoints/web", "-n", ns, "--for=jsonpath={.subsets[0].addresses[1].targetRef.kind}=Pod", "--timeout=60s");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        var get = await k.RunAsync("get", "endpoints", "-n", ns, "--no-headers");
        Assert.Matches(@"^web\s+10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80\s", get.Stdout);
        Assert.Matches(@"(?m)^wrong\s+<none>\s", get.Stdout);
        Assert.Matches(@"Endpoints:\s+10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80", (await k.RunAsync("describe", "service", "web", "-n", ns)).Stdout);

        Assert.Equal(0, (await k.RunAsync("scale", "deployment", "web", "--replicas=0", "-n", ns)).ExitCode);
        var addresses = "?";
        for (var tries = 0; tries < 120 && addresses.Length > 0; tries++)
        {
            await Task.Delay(500, TestContext.Current.CancellationToken);
            addresses = (await k.RunAsync("get", "endpoints", "web", "-n", ns, "-o", "jsonpath={.subsets}")).Stdout.Trim();
        }

        Assert.Equal("", addresses);
        Assert.Equal(0, (await k.RunAsync("delete", "service", "web", "-n", ns)).ExitCode);
        var gone = await k.RunAsync("wait", "endpoints/web", "-n", ns, "--for=delete", "--timeout=60s");
        Assert.True(gone.ExitCode == 0, gone.ToString());
    }

    [Fact]
    public async Task A_pod_asking_for_more_cpu_than_any_node_has_stays_Pending_with_the_schedulers_words()
    {
        var ns = await k.CreateNamespaceAsync();
        Assert.Equal(0, (await k.RunAsync("apply", "-n", ns, "-f", k.WriteManifest("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: big
            spec:
              containers:
              - name: app
                image: nginx
                resources:
                  requests:
                    cpu: "100"
            """))).ExitCode);

        var pending = await k.RunAsync("wait", "pod/big", "-n", ns, "--for=jsonpath={.status.conditions[0].reason}=Unschedulable", "--timeout=60s");
        Assert.True(pending.ExitCode == 0, pending.ToString());
        Assert.Matches(@"^big\s+0/1\s+Pending\s+0\s", (await k.RunAsync("get", "pod", "big", "-n", ns, "--no-headers")).Stdout);
        var describe = await k.RunAsync("describe", "pod", "big", "-n", ns);
        Assert.Matches(@"Warning\s+FailedScheduling\s+\S+\s+default-scheduler\s+0/(\d) nodes are available: \1 Insufficient cpu\. " +
            @"preemption: 0/\1 nodes are available: \1 No preemption victims found for incoming pod\.", describe.Stdout);
    }

    [Fact]
    public async Task A_job_runs_to_completion_and_one_that_keeps_failing_stops_at_its_backoff_limit()
    {
        var ns = await k.CreateNamespaceAsync();
        Assert.Equal(0, (await k.RunAsync("create", "job", "hello", "--image=busybox", "-n", ns, "--", "echo", "hello from a job")).ExitCode);
        Assert.Equal(0, (await k.RunAsync("apply", "-n", ns, "-f", k.WriteManifest("""
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: broken
            spec:
              backoffLimit: 0
              template:
                spec:
                  restartPolicy: Never
                  containers:
                  - name: work
                    image: busybox
                    command: ["sh", "-c", "echo no input; exit 2"]
            """))).ExitCode);

        var complete = await k.RunAsync("wait", "job/hello", "-n", ns, "--for=condition=complete", "--timeout=60s");
        Assert.True(complete.ExitCode == 0, complete.ToString());
        Assert.Equal("job.batch/hello condition met", complete.Stdout.Trim());
        Assert.Matches(@"^hello\s+Complete\s+1/1\s+\d+s\s+\d+s\s*$", (await k.RunAsync("get", "job", "hello", "-n", ns, "--no-headers")).Stdout);
        Assert.Equal("hello from a job", (await k.RunAsync("logs", "job/hello", "-n", ns)).Stdout.Trim());
        Assert.Matches(@"^hello-\w{5}\s+0/1\s+Completed\s+0\s", (await k.RunAsync("get", "pods", "-l", "job-name=hello", "-n", ns, "--no-headers")).Stdout);
        var described = await k.RunAsync("describe", "job", "hello", "-n", ns);
        Assert.Matches(@"Pods Statuses:\s+0 Active \(0 Ready\) / 1 Succeeded / 0 Failed", described.Stdout);
        Assert.Matches(@"Normal\s+SuccessfulCreate\s+\S+\s+job-controller\s+Created pod: hello-\w{5}", described.Stdout);
        Assert.Matches(@"Normal\s+Completed\s+\S+\s+job-controller\s+Job completed", described.Stdout);

        var failed = await k.RunAsync("wait", "job/broken", "-n", ns, "--for=condition=failed", "--timeout=60s");
        Assert.True(failed.ExitCode == 0, failed.ToString());
        Assert.Matches(@"^broken\s+Failed\s+0/1\s", (await k.RunAsync("get", "job", "broken", "-n", ns, "--no-headers")).Stdout);
        Assert.Matches(@"^broken-\w{5}\s+0/1\s+Error\s+0\s", (await k.RunAsync("get", "pods", "-l", "job-name=broken", "-n", ns, "--no-headers")).Stdout);
        Assert.Matches(@"Warning\s+BackoffLimitExceeded\s+\S+\s+job-controller\s+Job has reached the specified backoff limit",
            (await k.RunAsync("describe", "job", "broken", "-n", ns)).Stdout);
    }

    [Fact]
    public async Task A_pod_waits_in_Init_for_what_its_init_container_needs_and_a_failing_one_fails_a_pod_that_never_restarts()
    {
        var ns = await k.CreateNamespaceAsync();
        Assert.Equal(0, (await k.RunAsync("apply", "-n", ns, "-f", k.WriteManifest("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: app
            spec:
              initContainers:
              - name: wait-for-config
                image: busybox
                command: ["sh", "-c", "until [ -f /shared/ready ]; do echo waiting for config; sleep 1; done"]
                volumeMounts: [{name: shared, mountPath: /shared}]
              containers:
              - name: main
                image: busybox
                command: ["sh", "-c", "echo started; exec sleep 3600"]
                volumeMounts: [{name: shared, mountPath: /shared}]
              volumes: [{name: shared, emptyDir: {}}]
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: broken
            spec:
              restartPolicy: Never
              initContainers:
              - name: check
                image: busybox
                command: ["sh", "-c", "echo missing settings >&2; exit 3"]
              containers:
              - name: main
                image: busybox
                command: ["echo", "never"]
            """))).ExitCode);

        var waiting = await k.RunAsync("wait", "pod/app", "-n", ns, "--for=jsonpath={.status.initContainerStatuses[0].state.running}", "--timeout=60s");
        Assert.True(waiting.ExitCode == 0, waiting.ToString());
        Assert.Matches(@"^app\s+0/1\s+Init:0/1\s+0\s", (await k.RunAsync("get", "pod", "app", "-n", ns, "--no-headers")).Stdout);
        var logs = await k.RunAsync("logs", "app", "-n", ns);
        Assert.Contains("container \"main\" in pod \"app\" is waiting to start: PodInitializing", logs.Stderr, StringComparison.Ordinal);
        var initLog = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(60); !initLog.Contains("waiting for config", StringComparison.Ordinal) && DateTime.UtcNow < deadline;)
        {
            initLog = (await k.RunAsync("logs", "app", "-c", "wait-for-config", "-n", ns)).Stdout;
        }

        Assert.Contains("waiting for config", initLog, StringComparison.Ordinal);

        Assert.Equal(0, (await k.RunAsync("exec", "app", "-c", "wait-for-config", "-n", ns, "--", "touch", "/shared/ready")).ExitCode);
        var ready = await k.RunAsync("wait", "pod/app", "-n", ns, "--for=condition=Ready", "--timeout=60s");
        Assert.True(ready.ExitCode == 0, ready.ToString());
        Assert.Matches(@"^app\s+1/1\s+Running\s+0\s", (await k.RunAsync("get", "pod", "app", "-n", ns, "--no-headers")).Stdout);
        Assert.Equal("started", (await k.RunAsync("logs", "app", "-n", ns)).Stdout.Trim());

        var failed = await k.RunAsync("wait", "pod/broken", "-n", ns, "--for=jsonpath={.status.phase}=Failed", "--timeout=60s");
        Assert.True(failed.ExitCode == 0, failed.ToString());
        Assert.Matches(@"^broken\s+0/1\s+Init:Error\s+0\s", (await k.RunAsync("get", "pod", "broken", "-n", ns, "--no-headers")).Stdout);
        Assert.Equal("missing settings", (await k.RunAsync("logs", "broken", "-c", "check", "-n", ns)).Stdout.Trim());
        Assert.Matches(@"Initialized\s+False", (await k.RunAsync("describe", "pod", "broken", "-n", ns)).Stdout);
    }

    [Fact]
    public async Task A_job_made_from_a_cronjob_runs_and_the_cronjob_lists_what_it_saw()
    {
        var ns = await k.CreateNamespaceAsync();
        Assert.Equal(0, (await k.RunAsync("create", "cronjob", "nightly", "--image=busybox", "--schedule=0 3 * * *", "-n", ns, "--", "echo", "backup done")).ExitCode);
        Assert.Equal(0, (await k.RunAsync("create", "job", "now", "--from=cronjob/nightly", "-n", ns)).ExitCode);

        var complete = await k.RunAsync("wait", "job/now", "-n", ns, "--for=condition=complete", "--timeout=60s");
        Assert.True(complete.ExitCode == 0, complete.ToString());
        Assert.Equal("backup done", (await k.RunAsync("logs", "job/now", "-n", ns)).Stdout.Trim());

        // Deleting the CronJob takes the Job it owns, and the Job its pod.
        Assert.Equal(0, (await k.RunAsync("delete", "cronjob", "nightly", "-n", ns)).ExitCode);
        var gone = await k.RunAsync("wait", "job/now", "-n", ns, "--for=delete", "--timeout=60s");
        Assert.True(gone.ExitCode == 0, gone.ToString());
        var pods = await k.RunAsync("wait", "pods", "-l", "job-name=now", "-n", ns, "--for=delete", "--timeout=60s");
        Assert.True(pods.ExitCode == 0, pods.ToString());
    }

    [Fact]
    public async Task A_rollout_to_a_misspelled_image_keeps_the_old_pods_serving_until_it_is_fixed_and_undo_returns_to_revision_one()
    {
        var ns = await k.CreateNamespaceAsync();
        Assert.Equal(0, (await k.RunAsync("create", "deployment", "web", "--image=nginx", "--replicas=3", "-n", ns)).ExitCode);
        Assert.Equal(0, (await k.RunAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s")).ExitCode);
        Assert.Equal(0, (await k.RunAsync("patch", "deployment", "web", "-n", ns, "-p", """{"spec":{"progressDeadlineSeconds":5}}""")).ExitCode);

        Assert.Equal(0, (await k.RunAsync("set", "image", "deployment/web", "nginx=nginx:doesnotexist", "-n", ns)).ExitCode);

        // maxSurge 25% of 3 rounds up to one new pod; maxUnavailable rounds down to none, so all three old pods stay.
        var stuck = await k.RunAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s");
        Assert.Equal(1, stuck.ExitCode);
        Assert.Contains("error: deployment \"web\" exceeded its progress deadline", stuck.Stderr, StringComparison.Ordinal);
        var pods = (await k.RunAsync("get", "pods", "-n", ns, "--no-headers")).Stdout;
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(pods, @"\s1/1\s+Running\s"));
        Assert.Matches(@"\s0/1\s+(ErrImagePull|ImagePullBackOff)\s", pods);
        Assert.Matches(@"Progressing\s+False\s+ProgressDeadlineExceeded", (await k.RunAsync("describe", "deployment", "web", "-n", ns)).Stdout);

        Assert.Equal(0, (await k.RunAsync("set", "image", "deployment/web", "nginx=nginx:1.27", "-n", ns)).ExitCode);
        var fixedUp = await k.RunAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=90s");
        Assert.True(fixedUp.ExitCode == 0, fixedUp.ToString());
        var sets = (await k.RunAsync("get", "rs", "-n", ns, "--no-headers", "-o", "custom-columns=REV:.metadata.annotations.deployment\\.kubernetes\\.io/revision,DESIRED:.spec.replicas,IMAGE:.spec.template.spec.containers[0].image")).Stdout;
        Assert.Matches(@"(?m)^1\s+0\s+nginx$", sets);
        Assert.Matches(@"(?m)^2\s+0\s+nginx:doesnotexist$", sets);
        Assert.Matches(@"(?m)^3\s+3\s+nginx:1\.27$", sets);
        var described = (await k.RunAsync("describe", "deployment", "web", "-n", ns)).Stdout;
        Assert.Matches(@"Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled down replica set web-\w+ from 3 to 2", described);

        Assert.Equal(0, (await k.RunAsync("rollout", "undo", "deployment/web", "--to-revision=1", "-n", ns)).ExitCode);
        Assert.Equal(0, (await k.RunAsync("rollout", "status", "deployment/web", "-n", ns, "--timeout=90s")).ExitCode);
        Assert.Equal("nginx", (await k.RunAsync("get", "deployment", "web", "-n", ns, "-o", "jsonpath={.spec.template.spec.containers[0].image}")).Stdout);
        Assert.Equal("4", (await k.RunAsync("get", "deployment", "web", "-n", ns, "-o", "jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}")).Stdout);
    }
}
