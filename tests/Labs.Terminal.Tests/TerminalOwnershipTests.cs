using Labs.Terminal.Tests.Fakes;
using Labs.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Labs.Terminal.Tests;

/// <summary>Who may watch or type into a session's terminals, how many shells it may have, and what its end releases.</summary>
public sealed class TerminalOwnershipTests : IAsyncDisposable
{
    private const string Owner = FakeSessionRegistry.Owner;

    private readonly FakePodExec _kube = new();
    private readonly FakeSessionRegistry _sessions = new();
    private readonly TerminalConnections _connections;

    public TerminalOwnershipTests()
    {
        _sessions.Add("s-1");
        _connections = new TerminalConnections(
            _kube, _sessions, TimeProvider.System, NullLogger<TerminalConnections>.Instance, Options.Create(new TerminalOptions { MaxShellsPerSession = 2 }));
    }

    public ValueTask DisposeAsync() => _connections.DisposeAsync();

    [Theory]
    [InlineData("someone-else")]
    [InlineData(null)]
    [InlineData("")]
    public async Task Another_learner_is_told_the_session_was_not_found_and_sees_none_of_its_screen(string? intruder)
    {
        _kube.InitialOutput.Add("secret-token-on-screen\r\n"u8.ToArray());
        await using var owner = TerminalWatch.Start(_connections, "owner");
        await owner.WaitForTextAsync("secret-token-on-screen");

        await using var other = TerminalWatch.Start(_connections, "intruder", learner: intruder!, shell: owner.First.Shell);
        await other.EndedAsync();

        var only = Assert.Single(other.Frames);
        Assert.Equal(TerminalConnections.SessionNotFoundMessage, only.Error);
        Assert.Equal(string.Empty, only.Data);
        Assert.Null(only.Shell);
        Assert.Single(_kube.Requests);
    }

    [Fact]
    public async Task Another_learner_cannot_type_into_resize_or_hold_back_the_owners_shell()
    {
        await using var owner = TerminalWatch.Start(_connections, "owner");
        await owner.OpenedAsync();
        var ct = TestContext.Current.CancellationToken;

        var typing = await Assert.ThrowsAsync<HubException>(() =>
            _connections.InputAsync("intruder", "mallory", "s-1", "1", new[] { "rm -rf ~\r" }.ToAsyncEnumerable(), ct));
        await _connections.ResizeAsync("mallory", "s-1", "1", 10, 10, ct);
        _connections.Acknowledge("owner", "mallory", "s-1", "1", long.MaxValue);

        Assert.Equal(TerminalConnections.NotAttachedMessage, typing.Message);
        Assert.Equal(string.Empty, _kube.LastExec.StdinText);
        Assert.Equal([(80, 24)], _kube.LastExec.Resizes);
    }

    [Fact]
    public async Task One_shell_more_than_the_cap_is_refused_with_a_reason_and_opens_no_exec()
    {
        await using var first = TerminalWatch.Start(_connections, "c", terminal: "1");
        await using var second = TerminalWatch.Start(_connections, "c", terminal: "2");
        await first.OpenedAsync();
        await second.OpenedAsync();

        await using var third = TerminalWatch.Start(_connections, "c", terminal: "3");
        await third.EndedAsync();

        Assert.StartsWith("This lab already has 2 terminals open, the most one lab may have.", third.Last.Error, StringComparison.Ordinal);
        Assert.Equal(2, _kube.Requests.Count);
    }

    [Fact]
    public async Task More_pages_on_one_terminal_share_its_shell_and_do_not_count_against_the_cap()
    {
        await using var first = TerminalWatch.Start(_connections, "tab-1", terminal: "1");
        await using var second = TerminalWatch.Start(_connections, "tab-2", terminal: "1");
        await using var third = TerminalWatch.Start(_connections, "tab-3", terminal: "1");
        await Task.WhenAll(first.OpenedAsync(), second.OpenedAsync(), third.OpenedAsync());

        Assert.Single(_kube.Requests);
        Assert.Equal(first.First.Shell, third.First.Shell);
        await using var other = TerminalWatch.Start(_connections, "tab-1", terminal: "2");
        await other.OpenedAsync();
        Assert.Null(other.First.Error);
    }

    [Fact]
    public async Task An_exited_shell_frees_its_place()
    {
        await using var first = TerminalWatch.Start(_connections, "c", terminal: "1");
        await first.OpenedAsync();
        var firstExec = _kube.LastExec;
        await using var second = TerminalWatch.Start(_connections, "c", terminal: "2");
        await second.OpenedAsync();

        firstExec.Exit(0);
        await first.EndedAsync();
        await first.UntilAsync(() => _connections.ShellCount == 1, "the exited shell to be forgotten");
        await using var third = TerminalWatch.Start(_connections, "c", terminal: "3");
        await third.OpenedAsync();

        Assert.Null(third.First.Error);
    }

    [Fact]
    public async Task The_cap_is_per_session()
    {
        _sessions.Add("s-2", "lab-other");
        await using var a = TerminalWatch.Start(_connections, "c", terminal: "1");
        await using var b = TerminalWatch.Start(_connections, "c", terminal: "2");
        await Task.WhenAll(a.OpenedAsync(), b.OpenedAsync());

        await using var c = TerminalWatch.Start(_connections, "c", session: "s-2", terminal: "1");
        await c.OpenedAsync();

        Assert.Null(c.First.Error);
    }

    [Fact]
    public async Task Ending_the_session_closes_its_shells_and_tells_the_page()
    {
        await using var page = TerminalWatch.Start(_connections, "tab");
        await page.OpenedAsync();
        var exec = _kube.LastExec;
        exec.Print("work in progress\r\n");
        await page.WaitForTextAsync("work in progress");

        _sessions.Remove("s-1");
        await page.EndedAsync();

        Assert.Equal(TerminalConnections.SessionEndedMessage, page.Last.Error);
        Assert.True(exec.Disposed);
        await page.UntilAsync(() => _connections.ShellCount == 0, "the shell to be forgotten");
    }

    [Fact]
    public async Task The_session_lists_its_terminals_to_its_owner_only_and_only_the_owner_closes_one()
    {
        await using var first = TerminalWatch.Start(_connections, "c", terminal: "1");
        await first.OpenedAsync();
        await using var second = TerminalWatch.Start(_connections, "c", terminal: "2");
        await second.OpenedAsync();

        Assert.Equal(["1", "2"], _connections.TerminalsOf(Owner, "s-1"));
        Assert.Empty(_connections.TerminalsOf("mallory", "s-1"));
        await _connections.CloseAsync("mallory", "s-1", "2");
        Assert.False(second.Ended);

        await _connections.CloseAsync(Owner, "s-1", "2");
        await second.EndedAsync();

        Assert.Equal(TerminalConnections.ClosedMessage, second.Last.Error);
        await second.UntilAsync(() => _connections.TerminalsOf(Owner, "s-1").SequenceEqual(["1"]), "the closed terminal to be gone");
    }
}
