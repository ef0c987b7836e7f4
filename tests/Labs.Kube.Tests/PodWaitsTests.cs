using Labs.Testing;

namespace Labs.Kube.Tests;

public sealed class PodWaitsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakeKubernetesApi _api = new();

    [Fact]
    public async Task A_pod_that_already_satisfies_the_condition_is_returned_after_one_read()
    {
        _api.Add("pods", "team", """{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "resourceVersion": "7"}, "status": {"phase": "Running"}}""");

        var pod = await _api.Client.WaitForPodAsync("team", "web", p => p.Status?.Phase == "Running", TimeSpan.FromSeconds(30), Ct);

        Assert.Equal("web", pod.Metadata.Name);
        Assert.Equal(["GET /api/v1/namespaces/team/pods/web"], _api.Requests);
    }

    [Fact]
    public async Task A_pod_seen_only_through_the_watch_is_returned_from_it()
    {
        var reads = 0;
        _api.Add("pods", "team", """{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "resourceVersion": "7"}, "status": {"phase": "Pending"}}""");

        // The read sees Pending; the watch's first event is evaluated as a new version of the pod.
        var pod = await _api.Client.WaitForPodAsync("team", "web", p => ++reads == 2, TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(2, reads);
        Assert.Contains(_api.Requests, r => r.StartsWith("GET /api/v1/namespaces/team/pods?", StringComparison.Ordinal)
            && r.Contains("watch=true", StringComparison.Ordinal)
            && r.Contains("fieldSelector=metadata.name%3Dweb", StringComparison.Ordinal)
            && r.Contains("resourceVersion=7", StringComparison.Ordinal));
        Assert.Equal("web", pod.Metadata.Name);
    }

    [Fact]
    public async Task A_pod_that_never_gets_there_times_out_with_its_last_state()
    {
        _api.Add("pods", "team", """{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "resourceVersion": "7"}, "status": {"phase": "Pending"}}""");

        var error = await Assert.ThrowsAsync<TimeoutException>(
            () => _api.Client.WaitForPodAsync("team", "web", p => p.Status?.Phase == "Running", TimeSpan.FromMilliseconds(500), Ct));

        Assert.Equal("Timed out after 0.5 s waiting for pod team/web to reach the expected state (last seen at resourceVersion 7, phase Pending).", error.Message);
    }

    [Fact]
    public async Task A_missing_pod_times_out_saying_it_does_not_exist()
    {
        var error = await Assert.ThrowsAsync<TimeoutException>(
            () => _api.Client.WaitForPodAsync("team", "ghost", _ => true, TimeSpan.FromMilliseconds(300), Ct));

        Assert.EndsWith("(it does not exist).", error.Message, StringComparison.Ordinal);
    }
}
