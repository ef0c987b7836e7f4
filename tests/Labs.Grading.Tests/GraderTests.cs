using System.Net;
using Labs.Testing;

namespace Labs.Grading.Tests;

public sealed class GraderTests
{
    private const string Ns = "learner-1";

    [Fact]
    public async Task A_matching_deployment_passes()
    {
        var client = new FakeKubernetesApi().Add("deployments", Ns, Tasks.Deployment(2, 2));

        var result = await Graders.For(client).CheckAsync(Tasks.WebDeployment, Ns, TestContext.Current.CancellationToken);

        Assert.True(result.Passed);
        Assert.Equal((1, 1), (result.Points, result.MaxPoints));
        Assert.Empty(result.Messages);
        Assert.Contains($"GET /apis/apps/v1/namespaces/{Ns}/deployments/web", client.Requests);
    }

    [Fact]
    public async Task A_missing_deployment_is_not_found()
    {
        var result = await Graders.For(new FakeKubernetesApi()).CheckAsync(Tasks.WebDeployment, Ns, TestContext.Current.CancellationToken);

        Assert.False(result.Passed);
        Assert.Equal(["Deployment web not found"], result.Messages);
    }

    [Fact]
    public async Task The_wrong_number_of_replicas_is_explained_as_a_count()
    {
        var client = new FakeKubernetesApi().Add("deployments", Ns, Tasks.Deployment(1, 1));

        var result = await Graders.For(client).CheckAsync(Tasks.WebDeployment, Ns, TestContext.Current.CancellationToken);

        Assert.False(result.Passed);
        Assert.Equal(["Deployment web: expected 2 replicas, found 1; expected 2 available replicas, found 1"], result.Messages);
    }

    [Fact]
    public async Task A_partially_available_deployment_says_how_many_are_available()
    {
        var client = new FakeKubernetesApi().Add("deployments", Ns, Tasks.Deployment(2, 1));

        var result = await Graders.For(client).CheckAsync(Tasks.WebDeployment, Ns, TestContext.Current.CancellationToken);

        Assert.Equal(["Deployment web: expected 2 available replicas, found 1"], result.Messages);
    }

    [Fact]
    public async Task A_status_field_that_is_not_set_yet_is_reported_as_not_set()
    {
        var client = new FakeKubernetesApi().Add("deployments", Ns, Tasks.Deployment(2, available: null));

        var result = await Graders.For(client).CheckAsync(Tasks.WebDeployment, Ns, TestContext.Current.CancellationToken);

        Assert.Equal(["Deployment web: expected status.availableReplicas to be 2, but it is not set"], result.Messages);
    }

    [Fact]
    public async Task A_nested_list_element_is_matched_partially_and_explained_by_path()
    {
        var client = new FakeKubernetesApi().Add("deployments", Ns, Tasks.Deployment(2, 2, image: "httpd"));

        var result = await Graders.For(client).CheckAsync(Tasks.WebDeployment, Ns, TestContext.Current.CancellationToken);

        Assert.Equal(["Deployment web: expected spec.template.spec.containers[0].image to be \"nginx\", found \"httpd\""], result.Messages);
    }

    [Fact]
    public async Task A_list_of_another_length_is_reported()
    {
        var task = Tasks.FromYaml("""
            id: two-containers
            title: Two containers
            checks:
              - resource: apps/v1/Deployment/web
                expect: {spec: {template: {spec: {containers: [{image: nginx}, {image: busybox}]}}}}
            """);
        var client = new FakeKubernetesApi().Add("deployments", Ns, Tasks.Deployment(2, 2));

        var result = await Graders.For(client).CheckAsync(task, Ns, TestContext.Current.CancellationToken);

        Assert.Equal(["Deployment web: expected spec.template.spec.containers to have 2 items, found 1"], result.Messages);
    }

    [Fact]
    public async Task An_absent_check_passes_when_the_object_is_gone_and_fails_when_it_exists()
    {
        var task = Tasks.FromYaml("""
            id: cleanup
            title: The old ConfigMap is deleted
            checks:
              - resource: v1/ConfigMap/old
                absent: true
            """);
        var empty = await Graders.For(new FakeKubernetesApi()).CheckAsync(task, Ns, TestContext.Current.CancellationToken);
        var client = new FakeKubernetesApi().Add("configmaps", Ns, """{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "old"}}""");
        var present = await Graders.For(client).CheckAsync(task, Ns, TestContext.Current.CancellationToken);

        Assert.True(empty.Passed);
        Assert.False(present.Passed);
        Assert.Equal(["ConfigMap old exists, but it should not"], present.Messages);
    }

    [Fact]
    public async Task A_forbidden_read_becomes_a_failed_result_that_says_why()
    {
        var client = new FakeKubernetesApi().Fail("get", "deployments", HttpStatusCode.Forbidden, "forbidden: User \"grader\" cannot get resource \"deployments\"");

        var result = await Graders.For(client).CheckAsync(Tasks.WebDeployment, Ns, TestContext.Current.CancellationToken);

        Assert.False(result.Passed);
        var message = Assert.Single(result.Messages);
        Assert.Equal("The grader could not read Deployment web: Forbidden (403): deployments is forbidden: User \"grader\" cannot get resource \"deployments\"", message);
    }

    [Fact]
    public async Task Every_check_of_a_task_is_reported_not_just_the_first()
    {
        var task = Tasks.FromYaml("""
            id: app
            title: App with config
            checks:
              - resource: v1/ConfigMap/settings
                expect: {data: {mode: fast, "app.kubernetes.io/tier": web}}
              - resource: v1/Service/web
            """);
        var client = new FakeKubernetesApi().Add("configmaps", Ns, """{"metadata": {"name": "settings"}, "data": {"mode": "slow"}}""");

        var result = await Graders.For(client).CheckAsync(task, Ns, TestContext.Current.CancellationToken);

        Assert.Equal(
            [
                "ConfigMap settings: expected data.mode to be \"fast\", found \"slow\"; expected data[\"app.kubernetes.io/tier\"] to be \"web\", but it is not set",
                "Service web not found",
            ],
            result.Messages);
    }

    [Fact]
    public async Task Cluster_scoped_kinds_are_read_without_a_namespace()
    {
        var task = Tasks.FromYaml("""
            id: ns
            title: Namespace team-a exists
            checks:
              - resource: v1/Namespace/team-a
            """);
        var client = new FakeKubernetesApi().Add("namespaces", null, """{"metadata": {"name": "team-a"}}""");

        var result = await Graders.For(client).CheckAsync(task, Ns, TestContext.Current.CancellationToken);

        Assert.True(result.Passed);
        Assert.Contains("GET /api/v1/namespaces/team-a", client.Requests);
    }

    [Fact]
    public async Task Checking_a_whole_lab_grades_every_task_in_order()
    {
        var lab = Labs.Content.LabCatalog.Load(RepoLabs.Directory).Find("deployments-101")!;
        var client = new FakeKubernetesApi().Add("deployments", Ns, Tasks.Deployment(2, 2));

        var results = await Graders.For(client).CheckAllAsync(lab, Ns, TestContext.Current.CancellationToken);

        Assert.Equal(["web-deployment", "web-service"], results.Select(r => r.TaskId));
        Assert.True(results[0].Passed);
        Assert.False(results[1].Passed, "there is no Service web yet");
    }

    [Fact]
    public async Task A_client_timeout_becomes_a_failed_result()
    {
        var client = new FakeKubernetesApi().Throw("get", "deployments", new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout."));

        var result = await Graders.For(client).CheckAsync(Tasks.WebDeployment, Ns, TestContext.Current.CancellationToken);

        Assert.Equal(["The grader could not read Deployment web: the cluster did not answer in time; try again"], result.Messages);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_swallowed()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Graders.For(new FakeKubernetesApi()).CheckAsync(Tasks.WebDeployment, Ns, cts.Token));
    }

    [Fact]
    public async Task ConfigMaps_101_passes_after_its_solution_and_fails_before_it()
    {
        var lab = Labs.Content.LabCatalog.Load(RepoLabs.Directory).Find("configmaps-101")!;
        var before = new FakeKubernetesApi().Add("configmaps", Ns, """{"metadata": {"name": "legacy"}, "data": {"mode": "slow"}}""");
        var after = new FakeKubernetesApi().Add("configmaps", Ns, """{"metadata": {"name": "settings"}, "data": {"mode": "fast", "retries": "3"}}""");

        var failing = await Graders.For(before).CheckAllAsync(lab, Ns, TestContext.Current.CancellationToken);
        var passing = await Graders.For(after).CheckAllAsync(lab, Ns, TestContext.Current.CancellationToken);

        Assert.Equal(["ConfigMap settings not found", "ConfigMap settings not found"], failing[0].Messages);
        Assert.Equal(["ConfigMap legacy exists, but it should not"], failing[1].Messages);
        Assert.All(passing, r => Assert.True(r.Passed, string.Join("; ", r.Messages)));
    }

    [Fact]
    public async Task A_check_of_a_kind_the_cluster_does_not_serve_names_the_kind_and_where_the_check_is()
    {
        var task = Tasks.FromYaml("""
            id: widget
            title: A widget
            checks:
              - resource: example.com/v1/Widget/w
            """);

        var result = await Graders.For(new FakeKubernetesApi()).CheckAsync(task, Ns, TestContext.Current.CancellationToken);

        var message = Assert.Single(result.Messages);
        Assert.Matches(@"^The grader could not read Widget w \(the check at labs/sample/lab\.md:\d+\): the cluster serves no apiVersion example\.com/v1, so it has no kind Widget there$", message);
    }
}
