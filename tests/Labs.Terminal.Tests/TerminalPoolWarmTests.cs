using Labs.Sessions;
using Labs.Terminal.Tests.Fakes;
using Labs.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Labs.Terminal.Tests;

/// <summary>The first shell of a pooled environment, started while the environment waits in the pool.</summary>
public sealed class TerminalPoolWarmTests : IAsyncDisposable
{
    private const string Prompt = ToolboxPrompt.Mark + "learner@lab:~$ ";
    private static readonly TimeSpan s_idle = TimeSpan.FromMinutes(10);
    private readonly FakePodExec _kube = new();
    private readonly FakeSessionRegistry _sessions = new();
    private readonly ManualTime _time = new();
    private readonly TerminalConnections _connections;

    public TerminalPoolWarmTests()
    {
        _connections = new TerminalConnections(
            _kube, _sessions, _time, NullLogger<TerminalConnections>.Instance, Options.Create(new TerminalOptions { IdleShellTimeout = s_idle }));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _connections.DisposeAsync();

    /// <summary>The pooled environment as the pool holds it: provisioned, not in the registry, owned by nobody.</summary>
    private static LabSession Pooled(string id = "s-1") =>
        new(id, "intro", "lab-abc123", "toolbox-" + id, ["/bin/bash", "-l"], DateTimeOffset.UnixEpoch, "labs-toolbox", string.Empty);

    [Fact]
    public async Task A_pooled_environments_first_terminal_shows_the_prompt_of_the_shell_started_ahead()
    {
        _kube.InitialOutput.Add(System.Text.Encoding.UTF8.GetBytes(Prompt));
        await _connections.WarmAsync(Pooled(), Ct);
        var request = Assert.Single(_kube.Requests);
        Assert.True(request.Tty);
        Assert.Equal("toolbox-s-1", request.Pod);

        _sessions.Add("s-1"); // Handed over to the learner.
        await using var page = TerminalWatch.Start(_connections, "conn-1", terminal: TerminalConnections.FirstTerminalId, columns: 120, rows: 40);
        await page.WaitForTextAsync("learner@lab:~$ ");

        Assert.Single(_kube.Requests);
        Assert.True(page.First.Reset);
        Assert.Equal((120, 40), Assert.Single(_kube.LastExec.Resizes));
    }

    [Fact]
    public async Task Warming_up_ends_only_once_the_prompt_mark_has_been_printed_even_split_across_reads()
    {
        var exec = new FakeExecSession();
        _kube.Then(exec);
        var warming = _connections.WarmAsync(Pooled(), Ct);
        exec.Print("loading the completion\r\n" + ToolboxPrompt.Mark[..3]);
        await UntilAsync(() => _connections.Running("s-1", TerminalConnections.FirstTerminalId)?.Log.End > 0, "the first output to be read");
        Assert.False(warming.IsCompleted);

        exec.Print(ToolboxPrompt.Mark[3..] + "learner$ ");
        await warming;
    }

    [Fact]
    public async Task A_shell_that_ends_before_its_prompt_fails_the_warm_up()
    {
        var exec = new FakeExecSession();
        _kube.Then(exec);
        var warming = _connections.WarmAsync(Pooled(), Ct);
        exec.Print("bash: /etc/labs/bashrc: No such file or directory\r\n");
        exec.Exit(1);

        var error = await Assert.ThrowsAsync<IOException>(() => warming);
        Assert.Contains("ended before its prompt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pooled_shell_is_never_idle_while_pooled_and_counts_its_idle_time_from_the_handover()
    {
        _kube.InitialOutput.Add(System.Text.Encoding.UTF8.GetBytes(Prompt));
        await _connections.WarmAsync(Pooled(), Ct);
        var exec = _kube.LastExec;

        _time.Advance(s_idle * 10);
        await _connections.SweepIdleShellsAsync();
        Assert.False(exec.Disposed);

        _sessions.Add("s-1");
        await _connections.SweepIdleShellsAsync(); // Sees the handover.
        _time.Advance(s_idle - TimeSpan.FromSeconds(1));
        await _connections.SweepIdleShellsAsync();
        Assert.False(exec.Disposed);

        _time.Advance(TimeSpan.FromSeconds(1));
        await _connections.SweepIdleShellsAsync();
        Assert.True(exec.Disposed);
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Gave up waiting for {what}.");
            await Task.Delay(10, Ct);
        }
    }
}
