using System.Text;
using System.Threading.Channels;
using Labs.Kube;
using Labs.Terminal.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

using Labs.Testing;

namespace Labs.Terminal.Tests;

public sealed class TerminalConnectionsTests : IAsyncDisposable
{
    private const string Connection = "conn-1";
    private const string Learner = FakeSessionRegistry.Owner;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly FakePodExec _kube = new();
    private readonly FakeSessionRegistry _sessions = new();
    private readonly FakeHubContext _hub = new();
    private readonly TerminalConnections _connections;

    public TerminalConnectionsTests()
    {
        _sessions.Add("s-1", "lab-abc123");
        _connections = new TerminalConnections(_kube, _sessions, _hub, NullLogger<TerminalConnections>.Instance, Options.Create(new TerminalOptions()));
    }

    public ValueTask DisposeAsync() => _connections.DisposeAsync();

    [Fact]
    public async Task Attach_opens_a_tty_shell_in_the_sessions_toolbox_pod_at_the_browsers_size()
    {
        var attached = await _connections.AttachAsync(Connection, Learner, "s-1", 120, 40, Ct);

        Assert.True(attached);
        var request = Assert.Single(_kube.Requests);
        Assert.Equal("labs-toolbox", request.Namespace);
        Assert.Equal("toolbox-s-1", request.Pod);
        Assert.Equal(["/bin/bash", "-l"], request.Command);
        Assert.True(request.Tty);
        Assert.True(request.Stdin);
        Assert.Equal((120, 40), Assert.Single(_kube.LastExec.Resizes));
        Assert.True(_connections.IsAttached(Connection));
    }

    [Fact]
    public async Task Input_reaches_the_shells_stdin_as_utf8()
    {
        await _connections.AttachAsync(Connection, Learner, "s-1", 80, 24, Ct);

        await _connections.InputAsync(Connection, "kubectl get pods ✓\r", Ct);

        Assert.Equal("kubectl get pods ✓\r", _kube.LastExec.StdinText);
    }

    [Fact]
    public async Task Shell_output_reaches_the_connection_as_base64()
    {
        await _connections.AttachAsync(Connection, Learner, "s-1", 80, 24, Ct);

        _kube.LastExec.Print("learner@toolbox:~$ ");
        await _connections.InputAsync(Connection, "ls", Ct);

        await _hub.WaitUntilAsync(() => _hub.OutputText(Connection) == "learner@toolbox:~$ ls", "prompt and echo");
    }

    [Fact]
    public async Task Resize_reaches_the_shell()
    {
        await _connections.AttachAsync(Connection, Learner, "s-1", 80, 24, Ct);

        await _connections.ResizeAsync(Connection, 132, 50, Ct);

        Assert.Equal([(80, 24), (132, 50)], _kube.LastExec.Resizes);
    }

    [Fact]
    public async Task Resize_before_attach_is_ignored_quietly()
    {
        await _connections.ResizeAsync(Connection, 100, 30, Ct);

        Assert.Empty(_hub.Sent);
    }

    [Fact]
    public async Task Shell_exit_sends_Exited_with_the_code_and_closes_the_exec()
    {
        await _connections.AttachAsync(Connection, Learner, "s-1", 80, 24, Ct);
        var exec = _kube.LastExec;
        exec.Print("logout\r\n");

        exec.Exit(3);

        var exited = await _hub.WaitForAsync(Connection, TerminalClientMethods.Exited);
        Assert.Equal(3, exited.Arg);
        Assert.Equal("logout\r\n", _hub.OutputText(Connection));
        await _hub.WaitUntilAsync(() => exec.Disposed && !_connections.IsAttached(Connection), "the exec to be disposed");
    }

    [Fact]
    public async Task A_broken_exec_stream_is_reported_as_an_error()
    {
        await _connections.AttachAsync(Connection, Learner, "s-1", 80, 24, Ct);

        _kube.LastExec.Fail("connection reset by peer");

        var error = await _hub.WaitForAsync(Connection, TerminalClientMethods.Error);
        Assert.Contains("connection reset by peer", (string)error.Arg!, StringComparison.Ordinal);
        await _hub.WaitUntilAsync(() => !_connections.IsAttached(Connection), "the bridge to be dropped");
    }

    [Fact]
    public async Task Unknown_session_gets_an_error_and_no_exec()
    {
        var attached = await _connections.AttachAsync(Connection, Learner, "no-such-session", 80, 24, Ct);

        Assert.False(attached);
        var error = Assert.Single(_hub.To(Connection, TerminalClientMethods.Error));
        Assert.Equal("Session not found: it may have expired. Start the lab again.", error.Arg);
        Assert.Empty(_kube.Requests);
        Assert.False(_connections.IsAttached(Connection));
    }

    [Fact]
    public async Task Empty_session_id_gets_the_session_not_found_error()
    {
        await _connections.AttachAsync(Connection, Learner, "", 80, 24, Ct);

        Assert.Equal(TerminalConnections.SessionNotFoundMessage, Assert.Single(_hub.To(Connection, TerminalClientMethods.Error)).Arg);
    }

    [Fact]
    public async Task Exec_failure_is_reported_with_the_reason()
    {
        _kube.Failure = new k8s.KubernetesException("container toolbox is not ready");

        await _connections.AttachAsync(Connection, Learner, "s-1", 80, 24, Ct);

        var error = Assert.Single(_hub.To(Connection, TerminalClientMethods.Error));
        Assert.Contains("container toolbox is not ready", (string)error.Arg!, StringComparison.Ordinal);
        Assert.False(_connections.IsAttached(Connection));
    }

    [Theory]
    [InlineData(0, 24)]
    [InlineData(80, -1)]
    [InlineData(100_000, 24)]
    public async Task Absurd_terminal_sizes_get_an_error(int columns, int rows)
    {
        await _connections.AttachAsync(Connection, Learner, "s-1", columns, rows, Ct);

        var error = Assert.Single(_hub.To(Connection, TerminalClientMethods.Error));
        Assert.Contains($"{columns}x{rows}", (string)error.Arg!, StringComparison.Ordinal);
        Assert.Empty(_kube.Requests);
    }

    [Fact]
    public async Task Oversize_input_gets_an_error_and_does_not_reach_stdin()
    {
        await _connections.AttachAsync(Connection, Learner, "s-1", 80, 24, Ct);

        await _connections.InputAsync(Connection, new string('x', TerminalLimits.MaxInputChars + 1), Ct);

        var error = Assert.Single(_hub.To(Connection, TerminalClientMethods.Error));
        Assert.Contains("Input too large", (string)error.Arg!, StringComparison.Ordinal);
        Assert.Equal("", _kube.LastExec.StdinText);
        Assert.True(_connections.IsAttached(Connection));
    }

    [Fact]
    public async Task Input_at_the_limit_is_accepted()
    {
        await _connections.AttachAsync(Connection, Learner, "s-1", 80, 24, Ct);
        _kube.LastExec.Echo = false;

        await _connections.InputAsync(Connection, new string('x', TerminalLimits.MaxInputChars), Ct);

        Assert.Equal(TerminalLimits.MaxInputChars, _kube.LastExec.StdinText.Length);
        Assert.Empty(_hub.To(Connection, TerminalClientMethods.Error));
    }

    [Fact]
    public async Task Input_without_a_shell_gets_an_error()
    {
        await _connections.InputAsync(Connection, "ls\r", Ct);

        Assert.Equal(TerminalConnections.NotAttachedMessage, Assert.Single(_hub.To(Connection, TerminalClientMethods.Error)).Arg);
    }

    [Fact]
    public async Task Closing_the_connection_closes_the_exec()
    {
        await _connections.AttachAsync(Connection, Learner, "s-1", 80, 24, Ct);
        var exec = _kube.LastExec;

        await _connections.DetachAsync(Connection);

        Assert.True(exec.Disposed);
        Assert.Equal(0, _connections.AttachedCount);
        Assert.Empty(_hub.To(Connection, TerminalClientMethods.Error));
    }

    [Fact]
    public async Task Attaching_again_replaces_the_shell_and_replays_recent_output()
    {
        await _connections.AttachAsync(Connection, Learner, "s-1", 80, 24, Ct);
        var first = _kube.LastExec;
        first.Print("previous screen\r\n");
        await _hub.WaitUntilAsync(() => _hub.OutputText(Connection) == "previous screen\r\n", "first output");

        await _connections.AttachAsync("conn-2", Learner, "s-1", 80, 24, Ct);
        await _connections.AttachAsync(Connection, Learner, "s-1", 80, 24, Ct);

        Assert.True(first.Disposed);
        Assert.Equal(3, _kube.Execs.Count);
        Assert.Equal("previous screen\r\n", _hub.OutputText("conn-2"));
        Assert.Equal(2, _connections.AttachedCount);
    }

    [Fact]
    public async Task Each_connection_gets_only_its_own_output()
    {
        _sessions.Add("s-2", "lab-other");
        await _connections.AttachAsync("a", Learner, "s-1", 80, 24, Ct);
        var a = _kube.LastExec;
        await _connections.AttachAsync("b", Learner, "s-2", 80, 24, Ct);
        var b = _kube.LastExec;

        a.Print("for a");
        b.Print("for b");

        await _hub.WaitUntilAsync(() => _hub.OutputText("a") == "for a" && _hub.OutputText("b") == "for b", "both outputs");
    }

    [Fact]
    public async Task Small_chunks_waiting_together_are_sent_as_one_message()
    {
        var chunks = Channel.CreateUnbounded<byte[]>();
        for (var i = 0; i < 100; i++)
        {
            chunks.Writer.TryWrite(Encoding.ASCII.GetBytes($"{i:D3}"));
        }

        chunks.Writer.Complete();

        await _connections.SendOutputAsync(Connection, chunks.Reader, Ct);

        var message = Assert.Single(_hub.To(Connection, TerminalClientMethods.Output));
        Assert.Equal(300, Convert.FromBase64String((string)message.Arg!).Length);
    }

    [Fact]
    public async Task Large_output_is_split_into_messages_of_at_most_16_KiB()
    {
        var data = new byte[40 * 1024];
        Random.Shared.NextBytes(data);
        var chunks = Channel.CreateUnbounded<byte[]>();
        chunks.Writer.TryWrite(data);
        chunks.Writer.Complete();

        await _connections.SendOutputAsync(Connection, chunks.Reader, Ct);

        var messages = _hub.To(Connection, TerminalClientMethods.Output).Select(m => Convert.FromBase64String((string)m.Arg!)).ToList();
        Assert.Equal([16 * 1024, 16 * 1024, 8 * 1024], messages.Select(m => m.Length));
        Assert.Equal(data, messages.SelectMany(m => m).ToArray());
    }
}
