using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace Labs.Web.Tests;

/// <summary>Requests that change state are refused when a browser says another origin sent them.</summary>
public sealed class CrossOriginTests : IAsyncLifetime
{
    private const string Elsewhere = "http://attacker.invalid";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private KestrelPlatform _platform = null!;
    private HttpClient _learner = null!;

    public ValueTask InitializeAsync()
    {
        _platform = KestrelPlatform.Start();
        _learner = _platform.NewLearner();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _learner.Dispose();
        await _platform.DisposeAsync();
    }

    [Theory]
    [InlineData("Origin", Elsewhere)]
    [InlineData("Origin", "null")]
    [InlineData("Referer", Elsewhere + "/page.html")]
    public async Task A_cross_origin_start_is_refused_with_403_and_starts_nothing(string header, string value)
    {
        await _learner.GetAsync("/", Ct);

        var answer = await SendAsync(HttpMethod.Post, "/api/labs/deployments-101/sessions", header, value);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        var problem = (await answer.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal("Cross-origin request refused", problem["title"]!.GetValue<string>());
        Assert.Contains("Labs accepts changes only from its own pages", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await _learner.GetFromJsonAsync<JsonArray>("/api/sessions", Ct))!);
    }

    [Fact]
    public async Task A_cross_origin_delete_is_refused_and_the_session_lives_on()
    {
        var session = await KestrelPlatform.StartSessionAsync(_learner);

        var answer = await SendAsync(HttpMethod.Delete, $"/api/sessions/{session}", "Origin", Elsewhere);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _learner.GetAsync($"/api/sessions/{session}", Ct)).StatusCode);
        var own = await SendAsync(HttpMethod.Delete, $"/api/sessions/{session}", "Origin", _platform.BaseAddress.GetLeftPart(UriPartial.Authority));
        Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);
    }

    [Fact]
    public async Task Same_origin_requests_and_requests_naming_no_origin_are_served()
    {
        var own = _platform.BaseAddress.GetLeftPart(UriPartial.Authority);

        var byOrigin = await SendAsync(HttpMethod.Post, "/api/labs/nope/sessions", "Origin", own);
        var byReferer = await SendAsync(HttpMethod.Post, "/api/labs/nope/sessions", "Referer", own + "/labs/nope");
        var byNeither = await _learner.PostAsync("/api/labs/nope/sessions", null, Ct);

        // 404: the request reached the API (the lab does not exist), rather than being refused at the door.
        Assert.Equal(HttpStatusCode.NotFound, byOrigin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byReferer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byNeither.StatusCode);
    }

    [Fact]
    public async Task A_cross_origin_read_is_served_since_it_changes_nothing()
    {
        var answer = await SendAsync(HttpMethod.Get, "/api/labs", "Origin", Elsewhere);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    [Fact]
    public async Task The_terminal_hub_refuses_a_cross_origin_negotiate_and_websocket()
    {
        var cookies = new CookieContainer();
        using var learner = _platform.NewLearner(cookies);
        await learner.GetAsync("/", Ct);

        using var negotiate = new HttpRequestMessage(HttpMethod.Post, "/hubs/terminal/negotiate?negotiateVersion=1");
        negotiate.Headers.Add("Origin", Elsewhere);
        var refused = await learner.SendAsync(negotiate, Ct);

        using var socket = new ClientWebSocket();
        socket.Options.Cookies = cookies;
        socket.Options.SetRequestHeader("Origin", Elsewhere);
        var hub = new Uri(_platform.BaseAddress.AbsoluteUri.Replace("http://", "ws://", StringComparison.Ordinal) + "hubs/terminal");
        var upgrade = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(hub, Ct));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("403", upgrade.Message, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string header, string value)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation(header, value);
        return await _learner.SendAsync(request, Ct);
    }
}
