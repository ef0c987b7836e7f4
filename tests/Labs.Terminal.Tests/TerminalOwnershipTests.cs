using Labs.Terminal.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

using Labs.Testing;

namespace Labs.Terminal.Tests;

/// <summary>Who may attach to a session's terminal, how many shells it may have, and what its end releases.</summary>
public sealed class TerminalOwnershipTests : IAsyncDisposable
{
    private const string Owner = FakeSessionRegistry.Owner;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakePodExec _kube = new();
    private readonly FakeSessionRegistry _sessions = new();
    private readonly FakeHubContext _hub = new();
    private readonly TerminalConnections _connections;

    public TerminalOwnershipTests()
    {
        _sessions.Add("s-1");
        _connections = new TerminalConnections(
            _kube, _sessions, _hub, NullLogger<TerminalConnections>.Instance, Options.Create(new TerminalOptions { MaxShellsPerSession = 2 }));
    }

    public ValueTask DisposeAsync() => _connections.DisposeAsync();

    [Theory]
    [InlineData("someone-else")]
    [InlineData(null)]
    [InlineData("")]
    public async Task Another_learner_is_told_the_session_was_not_found_and_sees_none_of_its_screen(string? intruder)
    {
        _kube.InitialOutput.Add("secret-token-on-screen\r\n"u8.ToArray());
        await _connections.AttachAsync("owner", Owner, "s-1", 80, 24, Ct);
        await _hub.WaitUntilAsync(() => _hub.OutputText("owner").Length > 0, "the owner's screen");

        var attached = await _connections.AttachAsync("intruder", intruder, "s-1", 80, 24, Ct);

        Assert.False(attached);
        Assert.Equal(TerminalConnections.SessionNotFoundMessage, Assert.Single(_hub.To("intruder", TerminalClientMethods.Error)).Arg);
        Assert.Empty(_hub.To("intruder", TerminalClientMethods.Output));
        Assert.Single(_kube.Requests);
        Assert.False(_connections.IsAttached("intruder"));
    }

    [Fact]
    public async Task One_shell_more_than_the_cap_is_refused_with_a_reason_and_opens_no_exec()
    {
        Assert.True(await _connections.AttachAsync("tab-1", Owner, "s-1", 80, 24, Ct));
        Assert.True(await _connections.AttachAsync("tab-2", Owner, "s-1", 80, 24, Ct));

        var third = await _connections.AttachAsync("tab-3", Owner, "s-1", 80, 24, Ct);

        Assert.False(third);
        var error = (string)Assert.Single(_hub.To("tab-3", TerminalClientMethods.Error)).Arg!;
        Assert.StartsWith("This lab already has 2 terminals open, the most one lab may have.", error, StringComparison.Ordinal);
        Assert.Equal(2, _kube.Requests.Count);
    }

    [Fact]
    public async Task A_closed_shell_frees_its_place_and_re_attaching_one_connection_does_not_count_twice()
    {
        await _connections.AttachAsync("tab-1", Owner, "s-1", 80, 24, Ct);
        await _connections.AttachAsync("tab-2", Owner, "s-1", 80, 24, Ct);

        Assert.True(await _connections.AttachAsync("tab-2", Owner, "s-1", 80, 24, Ct));
        await _connections.DetachAsync("tab-1");
        Assert.True(await _connections.AttachAsync("tab-3", Owner, "s-1", 80, 24, Ct));

        Assert.Equal(2, _connections.AttachedCount);
    }

    [Fact]
    public async Task The_cap_is_per_session()
    {
        _sessions.Add("s-2", "lab-other");
        await _connections.AttachAsync("a", Owner, "s-1", 80, 24, Ct);
        await _connections.AttachAsync("b", Owner, "s-1", 80, 24, Ct);

        Assert.True(await _connections.AttachAsync("c", Owner, "s-2", 80, 24, Ct));
    }

    [Fact]
    public async Task Ending_the_session_closes_its_shells_tells_the_page_and_forgets_its_screen()
    {
        await _connections.AttachAsync("tab", Owner, "s-1", 80, 24, Ct);
        var exec = _kube.LastExec;
        exec.Print("work in progress\r\n");
        await _hub.WaitUntilAsync(() => _hub.OutputText("tab").Length > 0, "output");

        _sessions.Remove("s-1");

        var error = await _hub.WaitForAsync("tab", TerminalClientMethods.Error);
        Assert.Equal(TerminalConnections.SessionEndedMessage, error.Arg);
        Assert.True(exec.Disposed);
        Assert.False(_connections.IsAttached("tab"));
        Assert.Equal(0, _connections.ReplayCount);
    }
}
