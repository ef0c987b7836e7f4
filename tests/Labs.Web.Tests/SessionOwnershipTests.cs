using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Labs.Web.Tests;

/// <summary>A session id is not a credential: only the learner who started a session may read, grade or end it.</summary>
public sealed class SessionOwnershipTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private KestrelPlatform _platform = null!;
    private HttpClient _alice = null!;
    private string _session = null!;

    public async ValueTask InitializeAsync()
    {
        _platform = KestrelPlatform.Start();
        _alice = _platform.NewLearner();
        _session = await KestrelPlatform.StartSessionAsync(_alice);
    }

    public async ValueTask DisposeAsync()
    {
        _alice.Dispose();
        await _platform.DisposeAsync();
    }

    [Fact]
    public async Task Another_learner_gets_the_same_404_for_my_session_as_for_a_missing_one()
    {
        using var bob = _platform.NewLearner();
        await bob.GetAsync("/", Ct);

        var missing = await ProblemAsync(await bob.GetAsync("/api/sessions/nosuchsession0000", Ct));
        foreach (var answer in new[]
                 {
                     await bob.GetAsync($"/api/sessions/{_session}", Ct),
                     await bob.PostAsync($"/api/sessions/{_session}/tasks/web-deployment/check", null, Ct),
                     await bob.DeleteAsync($"/api/sessions/{_session}", Ct),
                     await bob.PostAsync($"/api/sessions/{_session}/finish", null, Ct),
                     await bob.PostAsync($"/api/sessions/{_session}/reset", null, Ct),
                     await bob.PostAsync($"/api/sessions/{_session}/extend", null, Ct),
                 })
        {
            var problem = await ProblemAsync(answer);
            Assert.Equal(missing["title"]!.GetValue<string>(), problem["title"]!.GetValue<string>());
            Assert.Equal(
                missing["detail"]!.GetValue<string>().Replace("nosuchsession0000", _session, StringComparison.Ordinal),
                problem["detail"]!.GetValue<string>());
        }

        Assert.Equal(HttpStatusCode.OK, (await _alice.GetAsync($"/api/sessions/{_session}", Ct)).StatusCode);
        Assert.Empty((await bob.GetFromJsonAsync<JsonArray>("/api/sessions", Ct))!);
    }

    [Fact]
    public async Task A_client_without_a_cookie_gets_a_fresh_identity_and_still_a_404()
    {
        using var stranger = _platform.WithoutCookies();

        var answer = await stranger.GetAsync($"/api/sessions/{_session}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Contains(answer.Headers.GetValues("Set-Cookie"), c => c.StartsWith("labs.learner=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/sessions/{_session}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _alice.GetAsync($"/api/sessions/{_session}", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_owner_lists_checks_and_ends_their_session()
    {
        var mine = (await _alice.GetFromJsonAsync<JsonArray>("/api/sessions", Ct))!;
        Assert.Equal(_session, Assert.Single(mine)!["sessionId"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await _alice.PostAsync($"/api/sessions/{_session}/tasks/web-deployment/check", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _alice.DeleteAsync($"/api/sessions/{_session}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _alice.GetAsync($"/api/sessions/{_session}", Ct)).StatusCode);
    }

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
    }
}
