namespace Labs.Kube.Tests;

/// <summary>An exec whose command prints faster than it is read holds a bounded amount, and keeps its output.</summary>
public sealed class ExecBackpressureTests
{
    private const int Message = 64 * 1024;

    [Fact]
    public async Task Output_nobody_reads_stops_the_socket_being_read_at_the_window()
    {
        var socket = new EndlessOutputWebSocket(Message);
        await using var exec = new DemuxedExecSession(socket, new ExecRequest("ns", "pod", ["yes"]), "ns/pod");

        await UntilAsync(() => exec.Receiving.IsWaiting, "the receive loop to wait");

        // The window, plus the queue's chunks and the one copy being queued, plus the message that crossed the line.
        var most = DemuxedExecSession.OutputWindowBytes + (17 * 16 * 1024) + Message;
        Assert.InRange(socket.Served, DemuxedExecSession.OutputWindowBytes, most);
        Assert.InRange(exec.Receiving.Unread, 0, DemuxedExecSession.OutputWindowBytes + Message);
    }

    [Fact]
    public async Task Reading_the_output_lets_the_socket_be_read_again_and_nothing_is_lost()
    {
        var socket = new EndlessOutputWebSocket(Message);
        await using var exec = new DemuxedExecSession(socket, new ExecRequest("ns", "pod", ["yes"]), "ns/pod");
        await UntilAsync(() => exec.Receiving.IsWaiting, "the receive loop to wait");

        long read = 0;
        await foreach (var chunk in exec.ReadOutputAsync(TestContext.Current.CancellationToken))
        {
            Assert.All(chunk.Data.ToArray(), b => Assert.Equal((byte)'y', b));
            read += chunk.Data.Length;
            if (read >= 8 * 1024 * 1024)
            {
                break;
            }
        }

        Assert.True(socket.Served >= read);
        Assert.False(exec.Completion.IsCompleted);
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Gave up waiting for {what}.");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
