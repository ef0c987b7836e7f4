using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using k8s;
using Labs.Kube;
using Microsoft.Extensions.DependencyInjection;

namespace Labs.Web.Tests;

/// <summary>One live session per learner and lab, and Finish, Reset and Extend, through the API as the page uses it.</summary>
public sealed class SessionLifetimeApiTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private KestrelPlatform _platform = null!;

    public ValueTask InitializeAsync()
    {
        _platform = KestrelPlatform.Start();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _platform.DisposeAsync();

    [Fact]
    public async Task A_second_tab_starting_the_same_lab_at_once_resumes_the_first_ones_session()
    {
        using var learner = _platform.NewLearner();
        await learner.GetAsync("/labs/deployments-101", Ct);
        Assert.Equal(HttpStatusCode.NotFound, (await learner.GetAsync("/api/labs/deployments-101/session", Ct)).StatusCode);

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => learner.PostAsync("/api/labs/deployments-101/sessions", null, Ct)));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(2, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        var ids = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<JsonObject>(Ct))!["sessionId"]!.GetValue<string>()));
        Assert.Single(ids.Distinct());
        var live = await learner.GetFromJsonAsync<JsonObject>("/api/labs/deployments-101/session", Ct);
        Assert.Equal(ids[0], live!["sessionId"]!.GetValue<string>());
        Assert.Single((await learner.GetFromJsonAsync<JsonArray>("/api/sessions", Ct))!);
    }

    [Fact]
    public async Task Extend_moves_the_expiry_later_and_says_how_long_is_left()
    {
        using var learner = _platform.NewLearner();
        var id = await KestrelPlatform.StartSessionAsync(learner);
        var before = (await learner.GetFromJsonAsync<JsonObject>($"/api/sessions/{id}", Ct))!;

        var extended = await learner.PostAsync($"/api/sessions/{id}/extend", null, Ct);

        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        var after = (await extended.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        var added = after["expiresAt"]!.GetValue<DateTimeOffset>() - before["expiresAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(TimeSpan.FromMinutes(30), added);
        Assert.InRange(after["expiresInSeconds"]!.GetValue<long>(), 85 * 60, 90 * 60);
    }

    [Fact]
    public async Task Reset_gives_a_fresh_namespace_with_the_setup_and_keeps_the_session_and_its_progress()
    {
        using var learner = _platform.NewLearner();
        var id = await KestrelPlatform.StartSessionAsync(learner, "configmaps-101");
        var old = (await learner.GetFromJsonAsync<JsonObject>($"/api/sessions/{id}", Ct))!["namespace"]!.GetValue<string>();
        var kube = _platform.Services.GetRequiredService<IKubernetes>();
        await kube.CoreV1.CreateNamespacedConfigMapAsync(new k8s.Models.V1ConfigMap { Metadata = new() { Name = "scratch" } }, old, cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.OK, (await learner.PostAsync($"/api/sessions/{id}/tasks/settings/check", null, Ct)).StatusCode);

        var reset = await learner.PostAsync($"/api/sessions/{id}/reset", null, Ct);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var session = (await reset.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        var fresh = session["namespace"]!.GetValue<string>();
        Assert.Equal((id, old + "-r1", 1), (session["sessionId"]!.GetValue<string>(), fresh, session["resets"]!.GetValue<int>()));
        var configMaps = await kube.CoreV1.ListNamespacedConfigMapAsync(fresh, cancellationToken: Ct);
        Assert.DoesNotContain(configMaps.Items, c => c.Metadata.Name == "scratch");
        Assert.Contains(configMaps.Items, c => c.Metadata.Name == "legacy"); // The lab's setup, applied again.
        await AssertGoneOrTerminatingAsync(kube, old);
        Assert.Equal(HttpStatusCode.OK, (await learner.PostAsync($"/api/sessions/{id}/tasks/settings/check", null, Ct)).StatusCode);
        var progress = (await learner.GetFromJsonAsync<JsonObject>("/api/progress", Ct))!;
        Assert.Equal(2, Assert.Single(progress["labs"]!.AsArray())!["checkRuns"]!.GetValue<int>());
    }

    [Fact]
    public async Task Finish_ends_the_session_and_the_lab_can_be_started_anew()
    {
        using var learner = _platform.NewLearner();
        var id = await KestrelPlatform.StartSessionAsync(learner);

        Assert.Equal(HttpStatusCode.NoContent, (await learner.PostAsync($"/api/sessions/{id}/finish", null, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await learner.GetAsync("/api/labs/deployments-101/session", Ct)).StatusCode);
        Assert.NotEqual(id, await KestrelPlatform.StartSessionAsync(learner));
    }

    private static async Task AssertGoneOrTerminatingAsync(IKubernetes kube, string ns)
    {
        try
        {
            var found = await kube.CoreV1.ReadNamespaceAsync(ns, cancellationToken: Ct);
            Assert.Equal("Terminating", found.Status?.Phase);
        }
        catch (Exception ex) when (ex.HasCode(HttpStatusCode.NotFound))
        {
            // Gone already.
        }
    }
}
