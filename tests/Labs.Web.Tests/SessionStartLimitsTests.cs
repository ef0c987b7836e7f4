using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Labs.Web.Tests;

/// <summary>Session starts are limited per learner and overall (429), and live sessions per learner (409).</summary>
public sealed class SessionStartLimitsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Starts_past_the_per_learner_and_the_overall_limit_get_429_with_retry_after()
    {
        await using var platform = KestrelPlatform.Start(new Dictionary<string, string>
        {
            ["SessionStartLimits:PerLearner"] = "2",
            ["SessionStartLimits:PerLearnerWindow"] = "01:00:00",
            ["SessionStartLimits:Overall"] = "3",
            ["SessionStartLimits:OverallWindow"] = "01:00:00",
        });
        using var alice = platform.NewLearner();
        using var bob = platform.NewLearner();

        // Starts of an unknown lab are cheap and count all the same: the limit is on asking.
        Assert.Equal(HttpStatusCode.NotFound, (await StartAsync(alice)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await StartAsync(alice)).StatusCode);
        var aliceThird = await StartAsync(alice);
        Assert.Equal(HttpStatusCode.NotFound, (await StartAsync(bob)).StatusCode);
        var bobSecond = await StartAsync(bob);

        foreach (var refused in new[] { aliceThird, bobSecond })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            var seconds = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(seconds, 1, 3600);
            var problem = (await refused.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
            Assert.Equal("Too many lab starts", problem["title"]!.GetValue<string>());
            Assert.Equal(429, problem["status"]!.GetValue<int>());
            Assert.Contains("each learner may start 2 per 60 minutes and everyone together 3 per 60 minutes", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/api/labs", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_learner_at_the_live_session_cap_gets_409_until_they_end_one()
    {
        await using var platform = KestrelPlatform.Start(new Dictionary<string, string> { ["Sessions:MaxLiveSessionsPerLearner"] = "1" });
        using var alice = platform.NewLearner();
        using var bob = platform.NewLearner();
        var first = await KestrelPlatform.StartSessionAsync(alice);

        var second = await StartAsync(alice, "configmaps-101");

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = (await second.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal("Too many labs running", problem["title"]!.GetValue<string>());
        Assert.Equal(
            "You already have 1 lab running (deployments-101), the most one learner may have at once. Open one of them and press Finish, then start this one again.",
            problem["detail"]!.GetValue<string>());
        await KestrelPlatform.StartSessionAsync(bob);
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/sessions/{first}", Ct)).StatusCode);
        await KestrelPlatform.StartSessionAsync(alice, "configmaps-101");
    }

    private static Task<HttpResponseMessage> StartAsync(HttpClient learner, string labId = "no-such-lab") =>
        learner.PostAsync($"/api/labs/{labId}/sessions", null, Ct);
}
