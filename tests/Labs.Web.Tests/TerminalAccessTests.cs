using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text;
using Labs.Terminal;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Labs.Web.Tests;

/// <summary>
/// The terminal hub over each SignalR transport: only the session's owner watches its terminal, others see none of its screen,
/// and a connection without the learner cookie is refused.
/// </summary>
public sealed class TerminalAccessTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private KestrelPlatform _platform = null!;
    private readonly CookieContainer _aliceCookies = new();
    private string _session = null!;

    public static TheoryData<HttpTransportType> Transports =>
        [HttpTransportType.WebSockets, HttpTransportType.ServerSentEvents, HttpTransportType.LongPolling];

    public async ValueTask InitializeAsync()
    {
        _platform = KestrelPlatform.Start();
        using var alice = _platform.NewLearner(_aliceCookies);
        _session = await KestrelPlatform.StartSessionAsync(alice);
    }

    public ValueTask DisposeAsync() => _platform.DisposeAsync();

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task The_owner_watches_the_terminal_and_another_learner_gets_not_found_and_no_screen_bytes(HttpTransportType transport)
    {
        await using var owner = Connect(transport, _aliceCookies);
        await owner.StartAsync(Ct);
        var ownerText = "";
        string? shell = null;
        await foreach (var frame in owner.StreamAsync<TerminalFrame>("Output", _session, "1", null, 0L, 80, 24, Ct))
        {
            shell ??= frame.Shell;
            ownerText += Encoding.UTF8.GetString(Convert.FromBase64String(frame.Data));
            if (ownerText.Contains("learner", StringComparison.Ordinal))
            {
                break;
            }
        }

        var bobCookies = new CookieContainer();
        using (var bob = _platform.NewLearner(bobCookies))
        {
            await bob.GetAsync($"/labs/deployments-101", Ct);
        }

        await using var intruder = Connect(transport, bobCookies);
        await intruder.StartAsync(Ct);
        var frames = await intruder.StreamAsync<TerminalFrame>("Output", _session, "1", shell, 0L, 80, 24, Ct).ToListAsync(Ct);

        var only = Assert.Single(frames);
        Assert.Equal(TerminalConnections.SessionNotFoundMessage, only.Error);
        Assert.Equal(string.Empty, only.Data);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_connection_without_the_learner_cookie_is_refused(HttpTransportType transport)
    {
        await using var anonymous = Connect(transport, new CookieContainer());

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync(Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task The_owner_lists_and_reads_the_terminals_recordings_and_another_learner_gets_404()
    {
        await using (var owner = Connect(HttpTransportType.WebSockets, _aliceCookies))
        {
            await owner.StartAsync(Ct);
            var text = "";
            await foreach (var frame in owner.StreamAsync<TerminalFrame>("Output", _session, "1", null, 0L, 80, 24, Ct))
            {
                text += Encoding.UTF8.GetString(Convert.FromBase64String(frame.Data));
                if (text.Contains("learner", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }

        using var alice = _platform.NewLearner(_aliceCookies);
        var list = await alice.GetFromJsonAsync<JsonArray>($"/api/sessions/{_session}/recordings", Ct);
        var name = (string)Assert.Single(list!)!["name"]!;
        var file = await alice.GetAsync($"/api/sessions/{_session}/recordings/{name}", Ct);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/x-asciicast", file.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("{\"version\":2", await file.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var bobCookies = new CookieContainer();
        using var bob = _platform.NewLearner(bobCookies);
        await bob.GetAsync("/labs/deployments-101", Ct);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/sessions/{_session}/recordings", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/sessions/{_session}/recordings/{name}", Ct)).StatusCode);
    }

    private HubConnection Connect(HttpTransportType transport, CookieContainer cookies) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(_platform.BaseAddress, TerminalEndpointRouteBuilderExtensions.HubPath), transport, options =>
            {
                options.Cookies = cookies;
                options.SkipNegotiation = false;
            })
            .Build();
}
