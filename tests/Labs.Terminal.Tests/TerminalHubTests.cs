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
    public async Task A_browser_attaches_types_sees_the_echo_and_hears_the_exit()
    {
        _sessions.Add("s-1");
        await using var client = await ConnectAsync(await StartAsync());

        var attach = await client.InvokeAsync("Attach", ["s-1", 100, 30], Ct);
        Assert.True((bool?)attach["result"], attach.ToJsonString());
        Assert.Equal((100, 30), Assert.Single(_kube.LastExec.Resizes));

        await client.InvokeAsync("Input", ["echo hi\r"], Ct);
        var output = await client.ReceiveInvocationAsync("Output", Ct);
        Assert.Equal("echo hi\r", Encoding.UTF8.GetString(Convert.FromBase64String((string)output["arguments"]![0]!)));

        await client.InvokeAsync("Resize", [120, 40], Ct);
        Assert.Contains((120, 40), _kube.LastExec.Resizes);

        _kube.LastExec.Exit(0);
        var exited = await client.ReceiveInvocationAsync("Exited", Ct);
        Assert.Equal(0, (int?)exited["arguments"]![0]);
    }

    [Fact]
    public async Task An_unknown_session_gets_an_Error_message_and_false()
    {
        await using var client = await ConnectAsync(await StartAsync());

        var attach = await client.InvokeAsync("Attach", ["gone", 80, 24], Ct);

        Assert.False((bool?)attach["result"]);
        var error = await client.ReceiveInvocationAsync("Error", Ct);
        Assert.Equal(TerminalConnections.SessionNotFoundMessage, (string?)error["arguments"]![0]);
    }

    [Fact]
    public async Task A_maximal_input_message_fits_the_receive_limit()
    {
        _sessions.Add("s-1");
        await using var client = await ConnectAsync(await StartAsync());
        await client.InvokeAsync("Attach", ["s-1", 80, 24], Ct);
        _kube.LastExec.Echo = false;

        // Quotes are JSON-escaped, so the message is larger than the text.
        var completion = await client.InvokeAsync("Input", [new string('"', TerminalLimits.MaxInputChars)], Ct);

        Assert.Null(completion["error"]);
        Assert.Equal(TerminalLimits.MaxInputChars, _kube.LastExec.StdinText.Length);
    }

    [Fact]
    public async Task Closing_the_browser_connection_closes_the_shell()
    {
        _sessions.Add("s-1");
        var client = await ConnectAsync(await StartAsync());
        await client.InvokeAsync("Attach", ["s-1", 80, 24], Ct);
        var exec = _kube.LastExec;

        await client.DisposeAsync();

        var connections = _app!.Services.GetRequiredService<TerminalConnections>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!exec.Disposed && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Ct);
        }

        Assert.True(exec.Disposed);
        Assert.Equal(0, connections.AttachedCount);
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
    public async Task Another_learner_cannot_attach_to_the_session_over_the_hub()
    {
        _sessions.Add("s-1");
        await using var client = await ConnectAsync(await StartAsync(), learner: "mallory");

        var attach = await client.InvokeAsync("Attach", ["s-1", 80, 24], Ct);

        Assert.False((bool?)attach["result"]);
        var error = await client.ReceiveInvocationAsync("Error", Ct);
        Assert.Equal(TerminalConnections.SessionNotFoundMessage, (string?)error["arguments"]![0]);
        Assert.Empty(_kube.Requests);
    }

    private static Task<SignalRJsonClient> ConnectAsync(Uri hub, string learner = FakeSessionRegistry.Owner) =>
        SignalRJsonClient.ConnectAsync(hub, Ct, options => options.SetRequestHeader(TestLearnerAuthentication.Header, learner));

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
