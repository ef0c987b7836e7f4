using Labs.Terminal.Tests.Fakes;
using Labs.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Labs.Terminal.Tests;

/// <summary>A flooding command is read only as fast as the slowest page writes its output.</summary>
public sealed class TerminalFlowControlTests : IAsyncDisposable
{
    private const int Chunk = 16 * 1024;
    private readonly FakePodExec _kube = new();
    private readonly FakeSessionRegistry _sessions = new();
    private readonly TerminalConnections _connections;

    public TerminalFlowControlTests()
    {
        _sessions.Add("s-1");
        _connections = new TerminalConnections(_kube, _sessions, TimeProvider.System, NullLogger<TerminalConnections>.Instance, Options.Create(new TerminalOptions()));
    }

    public ValueTask DisposeAsync() => _connections.DisposeAsync();

    [Fact]
    public async Task The_shell_is_not_read_further_than_the_window_past_what_the_page_acknowledged()
    {
        await using var page = TerminalWatch.Start(_connections, "conn-1", acknowledge: false);
        await page.OpenedAsync();
        Flood(_kube.LastExec, 64);
        var shell = _connections.Running("s-1", "1")!;

        await page.UntilAsync(() => page.End >= TerminalLimits.FlowWindowBytes, "a window of output");
        await Task.Delay(200, TestContext.Current.CancellationToken); // gives a pump that ignores the window the time to overrun it
        Assert.InRange(shell.Log.End, TerminalLimits.FlowWindowBytes, TerminalLimits.FlowWindowBytes + Chunk);

        var acked = page.End;
        page.Acknowledge(acked);
        await page.UntilAsync(() => shell.Log.End >= acked + TerminalLimits.FlowWindowBytes, "the next window");
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.InRange(shell.Log.End, page.Acked + TerminalLimits.FlowWindowBytes, page.Acked + TerminalLimits.FlowWindowBytes + Chunk);
    }

    [Fact]
    public async Task A_page_that_keeps_up_gets_everything_in_order()
    {
        await using var page = TerminalWatch.Start(_connections, "conn-1");
        await page.OpenedAsync();

        Flood(_kube.LastExec, 64);

        await page.UntilAsync(() => page.End == 64 * Chunk, "all the output");
        Assert.Equal(Enumerable.Range(0, 64).SelectMany(i => Enumerable.Repeat((byte)('a' + (i % 26)), Chunk)), page.Bytes);
    }

    [Fact]
    public async Task A_page_that_went_away_no_longer_holds_the_shell_back()
    {
        var stalled = TerminalWatch.Start(_connections, "conn-1", acknowledge: false);
        await stalled.OpenedAsync();
        Flood(_kube.LastExec, 64);
        var shell = _connections.Running("s-1", "1")!;
        await stalled.UntilAsync(() => shell.Log.End >= TerminalLimits.FlowWindowBytes, "a window of output");

        await stalled.DisposeAsync();

        await stalled.UntilAsync(() => shell.Log.End == 64 * Chunk, "the rest of the output to be read");
    }

    private static void Flood(FakeExecSession exec, int chunks)
    {
        for (var i = 0; i < chunks; i++)
        {
            exec.Print(Enumerable.Repeat((byte)('a' + (i % 26)), Chunk).ToArray());
        }
    }
}
