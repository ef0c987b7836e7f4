using System.Net;
using System.Text.Json.Nodes;
using Labs.Testing;

namespace Labs.Grading.Tests;

public sealed class CheckKindTests
{
    private const string Ns = "learner-1";
    private static readonly GradingTarget Target = new(Ns, "labs-system", "toolbox-1");

    [Fact]
    public async Task A_jsonpath_assertion_over_every_container_names_what_was_found()
    {
        var task = Tasks.FromYaml("""
            id: images
            title: Images
            checks:
              - resource: apps/v1/Deployment/web
                jsonpath: .spec.template.spec.containers[*].image
                every: {matches: '^httpd'}
                why: The image decides what runs.
            """);
        var client = new FakeKubernetesApi().Add("deployments", Ns, Tasks.Deployment(2, 2));

        var result = await Graders.For(client).CheckAsync(task, Target, cancellationToken: TestContext.Current.CancellationToken);

        var check = Assert.Single(result.Checks);
        Assert.False(check.Passed);
        Assert.Equal("Deployment web: expected every value of .spec.template.spec.containers[*].image to match \"^httpd\", found \"nginx\"", check.Message);
        Assert.Equal("\"nginx\"", check.Found!.ToJsonString());
        Assert.Equal("The image decides what runs.", check.Why);
        Assert.Equal(".spec.template.spec.containers[*].image every value matches \"^httpd\"", check.Expected);
    }

    [Theory]
    [InlineData("equals: 2", true)]
    [InlineData("gt: 1", true)]
    [InlineData("lte: 1", false)]
    [InlineData("in: [1, 3]", false)]
    public async Task Numeric_operators_compare_numbers(string assertion, bool passes)
    {
        var task = Tasks.FromYaml($"id: n\ntitle: N\nchecks:\n  - resource: apps/v1/Deployment/web\n    jsonpath: '{{.spec.replicas}}'\n    {assertion}\n");
        var client = new FakeKubernetesApi().Add("deployments", Ns, Tasks.Deployment(2, 2));

        var result = await Graders.For(client).CheckAsync(task, Target, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(passes, result.Passed);
    }

    [Fact]
    public async Task A_count_by_label_gives_the_count_and_the_names()
    {
        var task = Tasks.FromYaml("id: c\ntitle: C\nchecks:\n  - count: v1/Pod\n    labels: app=web\n    gte: 3\n");
        var client = new FakeKubernetesApi()
            .Add("pods", Ns, """{"metadata": {"name": "web-1", "labels": {"app": "web"}}}""")
            .Add("pods", Ns, """{"metadata": {"name": "web-2", "labels": {"app": "web"}}}""")
            .Add("pods", Ns, """{"metadata": {"name": "db", "labels": {"app": "db"}}}""");

        var result = await Graders.For(client).CheckAsync(task, Target, cancellationToken: TestContext.Current.CancellationToken);

        var check = Assert.Single(result.Checks);
        Assert.Equal("Expected the number of Pod objects with app=web to be at least 3, found 2", check.Message);
        Assert.Equal(2, (int)check.Found!["count"]!);
    }

    [Fact]
    public async Task Lists_are_matched_by_name_wherever_the_item_is()
    {
        var task = Tasks.FromYaml("""
            id: sidecar
            title: Sidecar
            checks:
              - resource: apps/v1/Deployment/web
                expect: {spec: {template: {spec: {containers: [{name: log, image: busybox}, {name: nginx, image: nginx}]}}}}
            """);
        var client = new FakeKubernetesApi().Add("deployments", Ns, Tasks.Deployment(2, 2));

        var result = await Graders.For(client).CheckAsync(task, Target, cancellationToken: TestContext.Current.CancellationToken);

        var check = Assert.Single(result.Checks);
        Assert.Equal("Deployment web: expected spec.template.spec.containers to have an item with name \"log\", found only [\"nginx\"]", check.Message);
        Assert.Equal("""{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx"}]}}}}""", check.Found!.ToJsonString());
    }

    [Fact]
    public async Task A_keyed_item_that_differs_is_explained_with_a_filter_path()
    {
        var task = Tasks.FromYaml("id: i\ntitle: I\nchecks:\n  - resource: apps/v1/Deployment/web\n    expect: {spec: {template: {spec: {containers: [{name: nginx, image: httpd}]}}}}\n");
        var client = new FakeKubernetesApi().Add("deployments", Ns, Tasks.Deployment(2, 2));

        var result = await Graders.For(client).CheckAsync(task, Target, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["Deployment web: expected spec.template.spec.containers[?(@.name==\"nginx\")].image to be \"httpd\", found \"nginx\""], result.Messages);
    }

    [Fact]
    public async Task A_pod_that_is_ready_passes_and_one_that_is_not_says_why_without_waiting()
    {
        var task = Tasks.FromYaml("id: r\ntitle: R\nchecks:\n  - resource: v1/Pod/web\n    condition: ready\n");
        var ready = new FakeKubernetesApi().Add("pods", Ns, """{"metadata": {"name": "web"}, "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}}""");
        var pulling = new FakeKubernetesApi().Add("pods", Ns, """
            {"metadata": {"name": "web"}, "status": {"phase": "Pending", "conditions": [{"type": "Ready", "status": "False", "reason": "ContainersNotReady"}],
             "containerStatuses": [{"name": "web", "state": {"waiting": {"reason": "ImagePullBackOff"}}}]}}
            """);

        var passed = await Graders.For(ready).CheckAsync(task, Target, cancellationToken: TestContext.Current.CancellationToken);
        var failed = await Graders.For(pulling).CheckAsync(task, Target, new GradeOptions { Wait = false }, TestContext.Current.CancellationToken);

        Assert.True(passed.Passed);
        Assert.Equal(["Pod web is not Ready: phase Pending, Ready is False (ContainersNotReady); waiting: web: ImagePullBackOff"], failed.Messages);
    }

    [Fact]
    public async Task A_failed_job_ends_the_wait_at_once()
    {
        var task = Tasks.FromYaml("id: j\ntitle: J\nchecks:\n  - resource: batch/v1/Job/backup\n    condition: complete\n    timeout: 10m\n");
        var client = new FakeKubernetesApi().Add("jobs", Ns, """{"metadata": {"name": "backup"}, "status": {"failed": 4, "conditions": [{"type": "Failed", "status": "True", "reason": "BackoffLimitExceeded"}]}}""");

        var result = await Graders.For(client).CheckAsync(task, Target, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["Job backup is not complete: the Job failed (BackoffLimitExceeded) (0 succeeded, 4 failed, 0 active)"], result.Messages);
    }

    [Fact]
    public async Task A_service_counts_its_ready_endpoints_from_its_endpoint_slices()
    {
        var task = Tasks.FromYaml("id: e\ntitle: E\nchecks:\n  - resource: v1/Service/web\n    condition: endpoints\n    endpoints: 2\n");
        var client = new FakeKubernetesApi()
            .Add("services", Ns, """{"metadata": {"name": "web"}}""")
            .Add("endpointslices", Ns, """
                {"metadata": {"name": "web-abc", "labels": {"kubernetes.io/service-name": "web"}},
                 "endpoints": [{"addresses": ["10.0.0.1"], "conditions": {"ready": true}}, {"addresses": ["10.0.0.2"], "conditions": {"ready": false}}]}
                """);

        var result = await Graders.For(client).CheckAsync(task, Target, new GradeOptions { Wait = false }, TestContext.Current.CancellationToken);

        Assert.Equal(["Service web does not have 2 ready endpoints: 1 ready endpoint and 1 not ready"], result.Messages);
    }

    [Fact]
    public async Task A_condition_that_never_comes_true_fails_after_its_timeout()
    {
        var task = Tasks.FromYaml("id: w\ntitle: W\nchecks:\n  - resource: apps/v1/Deployment/web\n    condition: rolledOut\n    timeout: 300ms\n");
        var client = new FakeKubernetesApi().Add("deployments", Ns, Tasks.Deployment(2, 1));

        var result = await Graders.For(client).CheckAsync(task, Target, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["Deployment web is not rolled out after 0.3 s: 1 of 2 replicas updated, 1 available, 1 old"], result.Messages);
    }

    [Fact]
    public async Task A_condition_on_an_object_that_does_not_exist_fails_at_once_instead_of_waiting()
    {
        // A timeout no test would sit through: the check must not wait for an object nobody has created.
        var task = Tasks.FromYaml("id: w\ntitle: W\nchecks:\n  - resource: apps/v1/Deployment/web\n    condition: rolledOut\n    timeout: 10m\n");

        var result = await Graders.For(new FakeKubernetesApi()).CheckAsync(task, Target, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["Deployment web not found"], result.Messages);
    }

    [Fact]
    public async Task A_file_in_the_toolbox_is_read_by_exec_and_compared_with_whitespace_normalised()
    {
        var task = Tasks.FromYaml("id: f\ntitle: F\nchecks:\n  - file: /opt/course/1/answer.txt\n    equals: web-1 web-2\n    normalize: whitespace\n");
        var exec = new FakePodExec().Then(Exited("web-1\n  web-2\n\n", 0));

        var result = await Graders.For(new FakeKubernetesApi(), exec).CheckAsync(task, Target, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Passed, string.Join("; ", result.Messages));
        var request = Assert.Single(exec.Requests);
        Assert.Equal(("labs-system", "toolbox-1", false, false), (request.Namespace, request.Pod, request.Tty, request.Stdin));
        Assert.Equal("/opt/course/1/answer.txt", request.Command[^1]);
    }

    [Fact]
    public async Task A_missing_file_says_there_is_no_such_file()
    {
        var task = Tasks.FromYaml("id: f\ntitle: F\nchecks:\n  - file: ~/answer.txt\n    contains: web\n");
        var exec = new FakePodExec().Then(Exited("", 3));

        var result = await Graders.For(new FakeKubernetesApi(), exec).CheckAsync(task, Target, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["expected ~/answer.txt to contain \"web\", but there is no such file in your toolbox"], result.Messages);
    }

    [Fact]
    public async Task A_toolbox_command_is_judged_by_exit_code_and_output()
    {
        var task = Tasks.FromYaml("""
            id: c
            title: C
            checks:
              - command: kubectl get pod web
              - command: kubectl get pods -o name
                contains: pod/web
            """);
        var exec = new FakePodExec().Then(Exited("Error from server (NotFound): pods \"web\" not found\n", 1)).Then(Exited("pod/db\n", 0));

        var result = await Graders.For(new FakeKubernetesApi(), exec).CheckAsync(task, Target, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(
            ["`kubectl get pod web` exited with 1, expected 0: Error from server (NotFound): pods \"web\" not found", "expected the output of `kubectl get pods -o name` to contain \"pod/web\", found \"pod/db\\n\""],
            result.Messages);
        Assert.Equal(["env", $"NAMESPACE={Ns}", "bash", "-c", "kubectl get pod web"], exec.Requests.First().Command);
    }

    [Fact]
    public async Task A_grader_command_runs_in_the_grader_shell_never_in_the_toolbox()
    {
        var task = Tasks.FromYaml("id: g\ntitle: G\nchecks:\n  - command: test -n \"$NAMESPACE\"\n    as: grader\n");
        var shell = new RecordingShell(0, "", "");
        var exec = new FakePodExec();

        var result = await Graders.For(new FakeKubernetesApi(), exec, shell).CheckAsync(task, Target, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Passed);
        Assert.Equal(("test -n \"$NAMESPACE\"", Ns), Assert.Single(shell.Runs));
        Assert.Empty(exec.Requests);
    }

    [Fact]
    public async Task Rbac_is_asked_with_a_subject_access_review_for_the_service_account()
    {
        var task = Tasks.FromYaml("id: a\ntitle: A\nchecks:\n  - access: {as: \"system:serviceaccount:$NAMESPACE:reader\", verb: delete, resource: pods}\n    allowed: false\n  - access: {as: \"system:serviceaccount:$NAMESPACE:reader\", verb: list, resource: pods}\n");
        var client = new FakeKubernetesApi { AccessReview = spec => (string?)spec["resourceAttributes"]!["verb"] == "list" && (string?)spec["user"] == $"system:serviceaccount:{Ns}:reader" && spec["groups"]!.AsArray().Count == 3 };

        var result = await Graders.For(client).CheckAsync(task, Target, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Passed, string.Join("; ", result.Messages));
        Assert.Equal($"system:serviceaccount:{Ns}:reader can list pods in namespace {Ns}", result.Checks[1].Message);
    }

    [Fact]
    public async Task Without_access_reviews_the_grader_asks_a_self_review_as_the_subject()
    {
        var task = Tasks.FromYaml("id: a\ntitle: A\nchecks:\n  - access: {as: \"system:serviceaccount:$NAMESPACE:reader\", verb: list, resource: pods}\n");
        var client = new FakeKubernetesApi { AccessReview = spec => (string?)spec["user"] == $"system:serviceaccount:{Ns}:reader" && spec["groups"]!.AsArray().Count == 3 }
            .Fail("create", "localsubjectaccessreviews", HttpStatusCode.NotFound, "not found");

        var result = await Graders.For(client).CheckAsync(task, Target, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Passed, string.Join("; ", result.Messages));
        Assert.Contains(client.Requests, r => r.StartsWith("POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_denied_access_that_should_be_allowed_is_explained()
    {
        var task = Tasks.FromYaml("id: a\ntitle: A\nchecks:\n  - access: {as: jane, verb: get, resource: secrets, namespace: \"\"}\n");

        var result = await Graders.For(new FakeKubernetesApi()).CheckAsync(task, Target, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["expected jane to be allowed to get secrets cluster-wide, but it is denied"], result.Messages);
    }

    [Fact]
    public async Task Reachability_is_tried_with_curl_from_the_toolbox()
    {
        var task = Tasks.FromYaml("id: h\ntitle: H\nchecks:\n  - http: http://web.$NAMESPACE.svc/\n    contains: Welcome\n");
        var exec = new FakePodExec().Then(Exited("<h1>Welcome to nginx</h1>\n200", 0));

        var result = await Graders.For(new FakeKubernetesApi(), exec).CheckAsync(task, Target, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Passed, string.Join("; ", result.Messages));
        Assert.Equal($"http://web.{Ns}.svc/", exec.Requests.Single().Command[^1]);
        Assert.Equal(200, (int)result.Checks[0].Found!["status"]!);
    }

    [Fact]
    public async Task An_unreachable_url_says_what_curl_said()
    {
        var task = Tasks.FromYaml("id: h\ntitle: H\nchecks:\n  - http: http://web/\n    from: pod/client\n");
        var exec = new FakePodExec().Then(Exited("curl: (6) Could not resolve host: web\n000", 6));

        var result = await Graders.For(new FakeKubernetesApi(), exec).CheckAsync(task, Target, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["http://web/ did not answer from pod client: curl: (6) Could not resolve host: web 000"], result.Messages);
        Assert.Equal((Ns, "client"), (exec.Requests.Single().Namespace, exec.Requests.Single().Pod));
    }

    [Fact]
    public async Task Toolbox_checks_without_a_toolbox_fail_with_a_reason()
    {
        var task = Tasks.FromYaml("id: f\ntitle: F\nchecks:\n  - file: /tmp/x\n");

        var result = await Graders.For(new FakeKubernetesApi()).CheckAsync(task, Ns, TestContext.Current.CancellationToken);

        Assert.Equal(["The grader could not check /tmp/x: this session has no toolbox"], result.Messages);
    }

    [Fact]
    public async Task A_refused_exec_becomes_a_result()
    {
        var task = Tasks.FromYaml("id: f\ntitle: F\nchecks:\n  - file: /tmp/x\n");
        var exec = new FakePodExec { Failure = new k8s.KubernetesException("Exec into labs-system/toolbox-1 was refused; the pod is Pending.") };

        var result = await Graders.For(new FakeKubernetesApi(), exec).CheckAsync(task, Target, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["The grader could not check /tmp/x: Exec into labs-system/toolbox-1 was refused; the pod is Pending."], result.Messages);
    }

    [Fact]
    public async Task Points_are_earned_per_check_for_partial_credit()
    {
        var task = Tasks.FromYaml("id: p\ntitle: P\nchecks:\n  - resource: apps/v1/Deployment/web\n    points: 3\n  - resource: v1/Service/web\n    points: 2\n    description: Service web exists\n");
        var client = new FakeKubernetesApi().Add("deployments", Ns, Tasks.Deployment(2, 2));

        var result = await Graders.For(client).CheckAsync(task, Target, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((false, 3, 5), (result.Passed, result.Points, result.MaxPoints));
        Assert.Equal(["Deployment web exists", "Service web exists"], result.Checks.Select(c => c.Description));
        Assert.Equal([3, 0], result.Checks.Select(c => c.Points));
    }

    private static FakeExecSession Exited(string stdout, int exitCode)
    {
        var session = new FakeExecSession { Echo = false };
        session.Print(stdout);
        session.Exit(exitCode);
        return session;
    }

    private sealed class RecordingShell(int exitCode, string stdout, string stderr) : IGraderShell
    {
        public List<(string Command, string Namespace)> Runs { get; } = [];

        public Task<(int? ExitCode, string Stdout, string Stderr)> RunAsync(string command, string ns, TimeSpan timeout, CancellationToken cancellationToken)
        {
            Runs.Add((command, ns));
            return Task.FromResult<(int?, string, string)>((exitCode, stdout, stderr));
        }
    }
}
