using Labs.Terminal.Tests.Fakes;
using Labs.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Labs.Terminal.Tests;

/// <summary>One shell per terminal that outlives the page: reload, dropped connection, a second tab, nobody watching.</summary>
public sealed class TerminalReattachTests : IAsyncDisposable
{
    private static readonly TimeSpan s_idle = TimeSpan.FromMinutes(10);
    private readonly FakePodExec _kube = new();
    private readonly FakeSessionRegistry _sessions = new();
    private readonly ManualTime _time = new();
    private readonly TerminalConnections _connections;

    public TerminalReattachTests()
    {
        _sessions.Add("s-1");
        _connections = new TerminalConnections(
            _kube, _sessions, _time, NullLogger<TerminalConnections>.Instance, Options.Create(new TerminalOptions { IdleShellTimeout = s_idle }));
    }

    public ValueTask DisposeAsync() => _connections.DisposeAsync();

    [Fact]
    public async Task A_dropped_connection_resumes_the_same_shell_with_only_what_it_missed()
    {
        var before = TerminalWatch.Start(_connections, "conn-1");
        await before.OpenedAsync();
        var exec = _kube.LastExec;
        exec.Print("learner$ ");
        await before.WaitForTextAsync("learner$ ");
        await before.DisposeAsync();

        exec.Print("output while away\r\n");
        await before.UntilAsync(() => ShellOf(before).Log.End == 28, "the output to be kept");
        await using var after = TerminalWatch.Start(_connections, "conn-2", shell: before.First.Shell, after: before.End);
        await after.WaitForTextAsync("output while away");

        Assert.Single(_kube.Requests);
        Assert.False(exec.Disposed);
        Assert.False(after.First.Reset);
        Assert.Equal(before.End, after.First.Seq);
        Assert.Equal("output while away\r\n", after.Text);
    }

    [Fact]
    public async Task A_reloaded_page_gets_the_same_shell_and_its_screen_once_with_a_reset()
    {
        var before = TerminalWatch.Start(_connections, "conn-1");
        await before.OpenedAsync();
        _kube.LastExec.Print("learner$ export GREETING=hello\r\nlearner$ ");
        await before.WaitForTextAsync("GREETING");
        await before.DisposeAsync();

        await using var reloaded = TerminalWatch.Start(_connections, "conn-2");
        await reloaded.WaitForTextAsync("learner$ export GREETING=hello\r\nlearner$ ");

        Assert.Single(_kube.Requests);
        Assert.True(reloaded.First.Reset);
        Assert.Equal(before.First.Shell, reloaded.First.Shell);
        Assert.Equal("learner$ export GREETING=hello\r\nlearner$ ", reloaded.Text);
    }

    [Fact]
    public async Task A_second_tab_shares_the_shell_both_see_everything_and_either_may_type()
    {
        await using var first = TerminalWatch.Start(_connections, "tab-1");
        await first.OpenedAsync();
        await using var second = TerminalWatch.Start(_connections, "tab-2");
        await second.OpenedAsync();

        await second.TypeAsync("echo from-two\r");
        await first.TypeAsync("echo from-one\r");

        await first.WaitForTextAsync("echo from-two\recho from-one\r");
        await second.WaitForTextAsync("echo from-two\recho from-one\r");
        Assert.Single(_kube.Requests);
    }

    [Fact]
    public async Task A_resume_point_the_log_no_longer_holds_starts_over_from_a_safe_place()
    {
        var options = new TerminalOptions { ReplayBytes = 64 * 1024 };
        await using var connections = new TerminalConnections(_kube, _sessions, _time, NullLogger<TerminalConnections>.Instance, Options.Create(options));
        var before = TerminalWatch.Start(connections, "conn-1");
        await before.OpenedAsync();
        await before.DisposeAsync();
        var exec = _kube.LastExec;
        for (var i = 0; i < 4000; i++)
        {
            // Colour escapes and a two-byte character in every line: a careless cut would land inside one.
            exec.Print($"\u001b[1;32mline {i:D5} é\u001b[0m\r\n");
        }

        await before.UntilAsync(() => ShellOf(before, connections).Log.End == 4000 * 26, "the output");
        await using var after = TerminalWatch.Start(connections, "conn-2", shell: before.First.Shell, after: 0);
        await after.WaitForTextAsync("line 03999");

        Assert.True(after.First.Reset);
        Assert.StartsWith("\u001b[1;32mline ", after.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("line 00000", after.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shell_nobody_watches_lives_until_the_idle_timeout_and_then_ends()
    {
        var page = TerminalWatch.Start(_connections, "conn-1");
        await page.OpenedAsync();
        var exec = _kube.LastExec;
        await page.DisposeAsync();

        _time.Advance(s_idle - TimeSpan.FromSeconds(1));
        await _connections.SweepIdleShellsAsync();
        Assert.False(exec.Disposed);

        _time.Advance(TimeSpan.FromSeconds(1));
        await _connections.SweepIdleShellsAsync();
        Assert.True(exec.Disposed);
        await page.UntilAsync(() => _connections.ShellCount == 0, "the idle shell to be forgotten");

        await using var later = TerminalWatch.Start(_connections, "conn-2", shell: page.First.Shell, after: page.End);
        await later.OpenedAsync();
        Assert.True(later.First.Reset);
        Assert.Equal(2, _kube.Requests.Count);
    }

    [Fact]
    public async Task A_watched_shell_is_never_idle()
    {
        await using var page = TerminalWatch.Start(_connections, "conn-1");
        await page.OpenedAsync();

        _time.Advance(s_idle * 10);
        await _connections.SweepIdleShellsAsync();

        Assert.False(_kube.LastExec.Disposed);
    }

    private TerminalShell ShellOf(TerminalWatch page, TerminalConnections? connections = null) =>
        (connections ?? _connections).Running(page.Session, page.Terminal) ?? throw new InvalidOperationException("No shell runs.");
}
