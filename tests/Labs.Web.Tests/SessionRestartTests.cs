using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Labs.Web.Tests;

/// <summary>
/// A platform stopped mid-session (no session is ended on the way down, as after a crash) and started again over the
/// same data directory: the learner's session, namespace and progress are all still there, and whatever the platform
/// labelled that belongs to no live session is gone.
/// </summary>
public sealed class SessionRestartTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("labs-restart-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_a_restart_the_learner_finds_the_same_session_namespace_work_and_progress()
    {
        var cookies = new CookieContainer();
        string sessionId, ns;
        await using (var first = KestrelPlatform.StartIn(_dataDirectory))
        {
            using var learner = first.NewLearner(cookies);
            sessionId = await KestrelPlatform.StartSessionAsync(learner);
            var session = await learner.GetFromJsonAsync<JsonObject>($"/api/sessions/{sessionId}", Cancel);
            ns = session!["namespace"]!.GetValue<string>();
            var kube = first.Services.GetRequiredService<IKubernetes>();
            await kube.CoreV1.CreateNamespacedConfigMapAsync(
                new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "learners-work" }, Data = new Dictionary<string, string> { ["x"] = "1" } }, ns, cancellationToken: Cancel);
            var check = await learner.PostAsync($"/api/sessions/{sessionId}/tasks/web-deployment/check", null, Cancel);
            Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        }

        await using var second = KestrelPlatform.StartIn(_dataDirectory);
        using var back = second.NewLearner(cookies);

        var resumed = await back.GetFromJsonAsync<JsonObject>("/api/labs/deployments-101/session", Cancel);
        Assert.Equal(sessionId, resumed!["sessionId"]!.GetValue<string>());
        Assert.Equal(ns, resumed["namespace"]!.GetValue<string>());
        var again = await back.PostAsync("/api/labs/deployments-101/sessions", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(sessionId, (await again.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["sessionId"]!.GetValue<string>());
        var kubeAfter = second.Services.GetRequiredService<IKubernetes>();
        var work = await kubeAfter.CoreV1.ReadNamespacedConfigMapAsync("learners-work", ns, cancellationToken: Cancel);
        Assert.Equal("1", work.Data["x"]);
        var progress = await back.GetFromJsonAsync<JsonObject>("/api/progress", Cancel);
        var lab = Assert.Single(progress!["labs"]!.AsArray());
        Assert.Equal(("deployments-101", 1), (lab!["labId"]!.GetValue<string>(), lab["checkRuns"]!.GetValue<int>()));
        var checkAfter = await back.PostAsync($"/api/sessions/{sessionId}/tasks/web-deployment/check", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, checkAfter.StatusCode);
    }

    [Fact]
    public async Task Namespaces_the_platform_labelled_for_sessions_it_does_not_know_are_deleted_at_start()
    {
        await using (var first = KestrelPlatform.StartIn(_dataDirectory))
        {
            var kube = first.Services.GetRequiredService<IKubernetes>();
            await kube.CoreV1.CreateNamespaceAsync(
                new V1Namespace { Metadata = new V1ObjectMeta { Name = "lab-leftover", Labels = new Dictionary<string, string> { ["labs.dev/session"] = "leftover" } } },
                cancellationToken: Cancel);
        }

        await using var second = KestrelPlatform.StartIn(_dataDirectory);
        var namespaces = await second.Services.GetRequiredService<IKubernetes>().CoreV1.ListNamespaceAsync(cancellationToken: Cancel);

        Assert.DoesNotContain(namespaces.Items, n => n.Name() == "lab-leftover" && n.Status?.Phase != "Terminating");
        Assert.Contains(namespaces.Items, n => n.Name() == "default"); // The cluster itself was kept.
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Files of a pod may still be closing; the OS cleans temp folders up.
        }
    }
}
