using System.Text;
using Labs.Kube;
using Labs.Sessions;
using Labs.Terminal.Tests.Fakes;
using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Labs.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using System.Threading.Channels;

namespace Labs.Terminal.Tests;

/// <summary>The hub hosted in Kestrel on 127.0.0.1, spoken to over SignalR's JSON protocol on a raw WebSocket.</summary>
public sealed class TerminalHubTests : IAsyncDisposable
{
    private readonly FakePodExec _kube = new();
    private readonly FakeSessionRegistry _sessions = new();
    private WebApplication? _app;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_browser_streams_output_and_input_sees_the_echo_and_hears_the_exit()
    {
        _sessions.Add("s-1");
        await using var client = await ConnectAsync(await StartAsync());
        using var reading = new CancellationTokenSource();
        var frames = client.StreamAsync<TerminalFrame>("Output", "s-1", "1", null, 0L, 100, 30, reading.Token).GetAsyncEnumerator(Ct);

        Assert.True(await frames.MoveNextAsync());
        Assert.NotNull(frames.Current.Shell);
        Assert.Equal((100, 30), Assert.Single(_kube.LastExec.Resizes));
        var input = Channel.CreateUnbounded<string>();
        await client.SendAsync("Input", "s-1", "1", input.Reader, Ct);
        await input.Writer.WriteAsync("echo hi", Ct);
        await input.Writer.WriteAsync("\r", Ct);

        var echo = "";
        while (echo != "echo hi\r" && await frames.MoveNextAsync())
        {
            echo += Encoding.UTF8.GetString(Convert.FromBase64String(frames.Current.Data));
            await client.SendAsync("Ack", "s-1", "1", frames.Current.Seq + Convert.FromBase64String(frames.Current.Data).Length, Ct);
        }

        Assert.Equal("echo hi\r", echo);
        await client.InvokeAsync("Resize", "s-1", "1", 120, 40, Ct);
        Assert.Contains((120, 40), _kube.LastExec.Resizes);

        _kube.LastExec.Exit(0);
        while (await frames.MoveNextAsync() && frames.Current.Exit is null)
        {
        }

        Assert.Equal(0, frames.Current.Exit);
        Assert.False(await frames.MoveNextAsync());
    }

    [Fact]
    public async Task An_unknown_session_gets_one_frame_with_the_not_found_error()
    {
        await using var client = await ConnectAsync(await StartAsync());

        var frames = await client.StreamAsync<TerminalFrame>("Output", "gone", "1", null, 0L, 80, 24, Ct).ToListAsync(Ct);

        Assert.Equal(TerminalConnections.SessionNotFoundMessage, Assert.Single(frames).Error);
        Assert.Empty(_kube.Requests);
    }

    [Fact]
    public async Task A_maximal_input_item_fits_the_receive_limit()
    {
        _sessions.Add("s-1");
        await using var client = await ConnectAsync(await StartAsync());
        var frames = client.StreamAsync<TerminalFrame>("Output", "s-1", "1", null, 0L, 80, 24, Ct).GetAsyncEnumerator(Ct);
        Assert.True(await frames.MoveNextAsync());
        _kube.LastExec.Echo = false;

        // Quotes are JSON-escaped, so the message is larger than the text.
        await client.SendAsync("Input", "s-1", "1", new[] { new string('"', TerminalLimits.MaxInputChars) }.ToAsyncEnumerable(), Ct);

        await UntilAsync(() => _kube.LastExec.StdinText.Length == TerminalLimits.MaxInputChars, "the input to reach the shell");
    }

    [Fact]
    public async Task Closing_the_browser_connection_keeps_the_shell_for_the_next_page()
    {
        _sessions.Add("s-1");
        var hub = await StartAsync();
        var client = await ConnectAsync(hub);
        var frames = client.StreamAsync<TerminalFrame>("Output", "s-1", "1", null, 0L, 80, 24, Ct).GetAsyncEnumerator(Ct);
        Assert.True(await frames.MoveNextAsync());
        var shell = frames.Current.Shell;
        var exec = _kube.LastExec;

        await client.DisposeAsync();
        var connections = _app!.Services.GetRequiredService<TerminalConnections>();
        await UntilAsync(() => connections.Running("s-1", "1")?.ViewerCount == 0, "the closed connection to stop watching");
        await using var next = await ConnectAsync(hub);
        var again = next.StreamAsync<TerminalFrame>("Output", "s-1", "1", shell, 0L, 80, 24, Ct).GetAsyncEnumerator(Ct);
        Assert.True(await again.MoveNextAsync());

        Assert.Equal(shell, again.Current.Shell);
        Assert.False(exec.Disposed);
        Assert.Single(_kube.Requests);
    }

    [Fact]
    public async Task A_connection_without_an_identity_is_refused_before_it_reaches_the_hub()
    {
        var hub = await StartAsync();
        using var http = new HttpClient();

        var negotiate = await http.PostAsync(new Uri(HttpUri(hub), "terminal/negotiate?negotiateVersion=1"), null, Ct);
        var socket = await Assert.ThrowsAsync<WebSocketException>(() => SignalRJsonClient.ConnectAsync(hub, Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
        Assert.Contains("401", socket.Message, StringComparison.Ordinal);
        Assert.Empty(_kube.Requests);
    }

    [Fact]
    public async Task Another_learner_cannot_watch_or_type_into_the_session_over_the_hub()
    {
        _sessions.Add("s-1");
        var hub = await StartAsync();
        await using var owner = await ConnectAsync(hub);
        var ownerFrames = owner.StreamAsync<TerminalFrame>("Output", "s-1", "1", null, 0L, 80, 24, Ct).GetAsyncEnumerator(Ct);
        Assert.True(await ownerFrames.MoveNextAsync());
        await using var client = await ConnectAsync(hub, learner: "mallory");

        var frames = await client.StreamAsync<TerminalFrame>("Output", "s-1", "1", ownerFrames.Current.Shell, 0L, 80, 24, Ct).ToListAsync(Ct);
        var typing = await Assert.ThrowsAsync<HubException>(() => client.InvokeAsync("Input", "s-1", "1", new[] { "rm -rf ~\r" }.ToAsyncEnumerable(), Ct));

        Assert.Equal(TerminalConnections.SessionNotFoundMessage, Assert.Single(frames).Error);
        Assert.Contains(TerminalConnections.NotAttachedMessage, typing.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, _kube.LastExec.StdinText);
        Assert.Single(_kube.Requests);
    }

    private static async Task<HubConnection> ConnectAsync(Uri hub, string learner = FakeSessionRegistry.Owner)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(HttpUri(hub), HttpTransportType.WebSockets, options =>
            {
                options.SkipNegotiation = true;
                options.Headers[TestLearnerAuthentication.Header] = learner;
            })
            .Build();
        await connection.StartAsync(Ct);
        return connection;
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Gave up waiting for {what}.");
            await Task.Delay(20, Ct);
        }
    }

    private static Uri HttpUri(Uri hub) => new(hub.AbsoluteUri.Replace("ws://", "http://", StringComparison.Ordinal));

    private async Task<Uri> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IPodExec>(_kube);
        builder.Services.AddSingleton<ISessionRegistry>(_sessions);
        builder.Services.AddAuthentication(TestLearnerAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TestLearnerAuthentication>(TestLearnerAuthentication.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddTerminal();
        _app = builder.Build();
        _app.UseWebSockets();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapTerminal();
        await _app.StartAsync(Ct);

        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + TerminalEndpointRouteBuilderExtensions.HubPath);
    }
}
