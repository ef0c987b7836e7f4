using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Labs.Terminal;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Labs.Web.Tests;

/// <summary>
/// The terminal hub over each SignalR transport: only the session's owner attaches, others see none of its screen,
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
    public async Task The_owner_attaches_and_another_learner_gets_not_found_and_no_screen_bytes(HttpTransportType transport)
    {
        await using var owner = Connect(transport, _aliceCookies, out var ownerOutput, out _);
        await owner.StartAsync(Ct);
        Assert.True(await owner.InvokeAsync<bool>("Attach", _session, 80, 24, Ct));
        await WaitUntilAsync(() => Text(ownerOutput).Contains("learner", StringComparison.Ordinal), "the owner's prompt");

        var bobCookies = new CookieContainer();
        using (var bob = _platform.NewLearner(bobCookies))
        {
            await bob.GetAsync($"/labs/deployments-101", Ct);
        }

        await using var intruder = Connect(transport, bobCookies, out var intruderOutput, out var intruderErrors);
        await intruder.StartAsync(Ct);
        var attached = await intruder.InvokeAsync<bool>("Attach", _session, 80, 24, Ct);

        Assert.False(attached);
        await WaitUntilAsync(() => !intruderErrors.IsEmpty, "the intruder's error");
        Assert.Equal(TerminalConnections.SessionNotFoundMessage, Assert.Single(intruderErrors));
        Assert.Empty(intruderOutput);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_connection_without_the_learner_cookie_is_refused(HttpTransportType transport)
    {
        await using var anonymous = Connect(transport, new CookieContainer(), out _, out _);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync(Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private HubConnection Connect(HttpTransportType transport, CookieContainer cookies, out ConcurrentQueue<byte[]> output, out ConcurrentQueue<string> errors)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_platform.BaseAddress, TerminalEndpointRouteBuilderExtensions.HubPath), transport, options =>
            {
                options.Cookies = cookies;
                options.SkipNegotiation = false;
            })
            .Build();
        var received = new ConcurrentQueue<byte[]>();
        var reported = new ConcurrentQueue<string>();
        connection.On<string>(TerminalClientMethods.Output, data => received.Enqueue(Convert.FromBase64String(data)));
        connection.On<string>(TerminalClientMethods.Error, reported.Enqueue);
        output = received;
        errors = reported;
        return connection;
    }

    private static string Text(ConcurrentQueue<byte[]> output) => Encoding.UTF8.GetString(output.SelectMany(b => b).ToArray());

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        // Generous: the machine is busy; the condition usually holds within milliseconds.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Gave up waiting for {what}.");
            await Task.Delay(20, Ct);
        }
    }
}
