using Labs.Terminal.Tests.Fakes;
using Labs.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Labs.Terminal.Tests;

/// <summary>A terminal's shell as browsers meet it: open, type, resize, exit, errors.</summary>
public sealed class TerminalConnectionsTests : IAsyncDisposable
{
    private readonly FakePodExec _kube = new();
    private readonly FakeSessionRegistry _sessions = new();
    private readonly TerminalConnections _connections;

    public TerminalConnectionsTests()
    {
        _sessions.Add("s-1", "lab-abc123");
        _connections = new TerminalConnections(_kube, _sessions, TimeProvider.System, NullLogger<TerminalConnections>.Instance, Options.Create(new TerminalOptions()));
    }

    public ValueTask DisposeAsync() => _connections.DisposeAsync();

    [Fact]
    public async Task Watching_a_terminal_opens_a_tty_shell_in_the_sessions_toolbox_pod_at_the_browsers_size()
    {
        await using var page = TerminalWatch.Start(_connections, "conn-1", columns: 120, rows: 40);
        await page.OpenedAsync();

        var request = Assert.Single(_kube.Requests);
        Assert.Equal("labs-toolbox", request.Namespace);
        Assert.Equal("toolbox-s-1", request.Pod);
        Assert.Equal(["/bin/bash", "-l"], request.Command);
        Assert.True(request.Tty);
        Assert.True(request.Stdin);
        Assert.Equal((120, 40), Assert.Single(_kube.LastExec.Resizes));
        Assert.True(page.First.Reset);
        Assert.NotNull(page.First.Shell);
    }

    [Fact]
    public async Task Input_reaches_the_shell_as_utf8_and_the_echo_comes_back_with_sequence_numbers()
    {
        await using var page = TerminalWatch.Start(_connections, "conn-1");
        await page.OpenedAsync();
        _kube.LastExec.Print("learner@toolbox:~$ ");

        await page.TypeAsync("kubectl get pods ✓", "\r");

        Assert.Equal("kubectl get pods ✓\r", _kube.LastExec.StdinText);
        await page.WaitForTextAsync("learner@toolbox:~$ kubectl get pods ✓\r");
        var frames = page.Frames.Where(f => f.Data.Length > 0).ToList();
        for (var i = 1; i < frames.Count; i++)
        {
            Assert.Equal(frames[i - 1].Seq + Convert.FromBase64String(frames[i - 1].Data).Length, frames[i].Seq);
        }
    }

    [Fact]
    public async Task A_resize_reaches_the_shell_and_the_same_size_is_not_sent_again()
    {
        await using var page = TerminalWatch.Start(_connections, "conn-1");
        await page.OpenedAsync();

        await _connections.ResizeAsync(FakeSessionRegistry.Owner, "s-1", "1", 132, 50, TestContext.Current.CancellationToken);
        await _connections.ResizeAsync(FakeSessionRegistry.Owner, "s-1", "1", 132, 50, TestContext.Current.CancellationToken);

        Assert.Equal([(80, 24), (132, 50)], _kube.LastExec.Resizes);
    }

    [Fact]
    public async Task A_resize_of_a_terminal_without_a_shell_is_ignored_quietly()
    {
        await _connections.ResizeAsync(FakeSessionRegistry.Owner, "s-1", "1", 100, 30, TestContext.Current.CancellationToken);

        Assert.Empty(_kube.Requests);
    }

    [Fact]
    public async Task Shell_exit_ends_the_stream_with_the_code_and_the_next_page_gets_a_new_shell()
    {
        await using var page = TerminalWatch.Start(_connections, "conn-1");
        await page.OpenedAsync();
        var exec = _kube.LastExec;

        exec.Print("logout\r\n");
        exec.Exit(3);
        await page.EndedAsync();

        Assert.Equal(3, page.Last.Exit);
        Assert.Equal("logout\r\n", page.Text);
        Assert.True(exec.Disposed);
        await page.UntilAsync(() => _connections.ShellCount == 0, "the ended shell to be forgotten");

        await using var again = TerminalWatch.Start(_connections, "conn-1", shell: page.First.Shell, after: page.End);
        await again.OpenedAsync();
        Assert.Equal(2, _kube.Requests.Count);
        Assert.True(again.First.Reset);
        Assert.NotEqual(page.First.Shell, again.First.Shell);
    }

    [Fact]
    public async Task A_broken_exec_stream_ends_the_stream_with_a_reason()
    {
        await using var page = TerminalWatch.Start(_connections, "conn-1");
        await page.OpenedAsync();

        _kube.LastExec.Fail("connection reset by peer");
        await page.EndedAsync();

        Assert.Contains("connection reset by peer", page.Last.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gone")]
    [InlineData("")]
    [InlineData(null)]
    public async Task An_unknown_session_gets_the_session_not_found_error_and_no_exec(string? session)
    {
        await using var page = TerminalWatch.Start(_connections, "conn-1", session: session!);
        await page.EndedAsync();

        Assert.Equal(TerminalConnections.SessionNotFoundMessage, Assert.Single(page.Frames).Error);
        Assert.Empty(_kube.Requests);
    }

    [Fact]
    public async Task An_exec_failure_is_reported_with_the_reason_and_the_next_try_starts_again()
    {
        _kube.Failure = new InvalidOperationException("pod toolbox-s-1 is not running");
        await using var page = TerminalWatch.Start(_connections, "conn-1");
        await page.EndedAsync();

        Assert.Contains("pod toolbox-s-1 is not running", page.Last.Error, StringComparison.Ordinal);
        Assert.Equal(0, _connections.ShellCount);

        _kube.Failure = null;
        await using var retry = TerminalWatch.Start(_connections, "conn-1");
        await retry.OpenedAsync();
        Assert.Null(retry.First.Error);
    }

    [Theory]
    [InlineData(0, 24)]
    [InlineData(80, -1)]
    [InlineData(5000, 24)]
    public async Task Absurd_terminal_sizes_get_an_error(int columns, int rows)
    {
        await using var page = TerminalWatch.Start(_connections, "conn-1", columns: columns, rows: rows);
        await page.EndedAsync();

        Assert.StartsWith($"Invalid terminal size {columns}x{rows}", page.Last.Error, StringComparison.Ordinal);
        Assert.Empty(_kube.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../1")]
    [InlineData("a-terminal-id-that-is-far-too-long-to-be-one")]
    public async Task Bad_terminal_ids_get_an_error(string terminal)
    {
        await using var page = TerminalWatch.Start(_connections, "conn-1", terminal: terminal);
        await page.EndedAsync();

        Assert.StartsWith("Invalid terminal id", page.Last.Error, StringComparison.Ordinal);
        Assert.Empty(_kube.Requests);
    }

    [Fact]
    public async Task Oversize_input_is_refused_and_does_not_reach_stdin()
    {
        await using var page = TerminalWatch.Start(_connections, "conn-1");
        await page.OpenedAsync();

        var refusal = await Assert.ThrowsAsync<HubException>(() => page.TypeAsync(new string('x', TerminalLimits.MaxInputChars + 1)));

        Assert.Contains("Input too large", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, _kube.LastExec.StdinText);
    }

    [Fact]
    public async Task Input_at_the_limit_is_accepted()
    {
        await using var page = TerminalWatch.Start(_connections, "conn-1");
        await page.OpenedAsync();

        await page.TypeAsync(new string('x', TerminalLimits.MaxInputChars));

        Assert.Equal(TerminalLimits.MaxInputChars, _kube.LastExec.StdinText.Length);
    }

    [Fact]
    public async Task Input_for_a_terminal_without_a_shell_is_refused()
    {
        var refusal = await Assert.ThrowsAsync<HubException>(() =>
            _connections.InputAsync("conn-1", FakeSessionRegistry.Owner, "s-1", "1", new[] { "ls\r" }.ToAsyncEnumerable(), TestContext.Current.CancellationToken));

        Assert.Equal(TerminalConnections.NotAttachedMessage, refusal.Message);
    }

    [Fact]
    public async Task Frames_without_output_report_each_16_KiB_of_input_that_reached_the_shell()
    {
        await using var page = TerminalWatch.Start(_connections, "conn-1");
        await page.OpenedAsync();
        _kube.LastExec.Echo = false;

        await page.TypeAsync([.. Enumerable.Repeat(new string('y', 4096), 5)]);

        await page.UntilAsync(() => page.Last.InputDone >= TerminalLimits.InputReportBytes, "an input report");
        Assert.All(page.Frames, f => Assert.Equal(string.Empty, f.Data));
    }

    [Fact]
    public async Task Large_output_arrives_whole_in_frames_of_at_most_16_KiB()
    {
        await using var page = TerminalWatch.Start(_connections, "conn-1");
        await page.OpenedAsync();
        var big = new byte[40 * 1024];
        Array.Fill(big, (byte)'y');

        _kube.LastExec.Print(big);
        await page.UntilAsync(() => page.End == big.Length, "all output");

        Assert.All(page.Frames, f => Assert.True(Convert.FromBase64String(f.Data).Length <= TerminalLimits.MaxOutputMessageBytes));
        Assert.Equal(big, page.Bytes);
    }
}
