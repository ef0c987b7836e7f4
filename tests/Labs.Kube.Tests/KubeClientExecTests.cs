using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Labs.Kube.Tests;

public sealed class KubeClientExecTests
{
    private static readonly string[] V5AndV4 = [ExecFrames.V5Protocol, ExecFrames.V4Protocol];
    private static readonly string[] V4Only = [ExecFrames.V4Protocol];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ExecRequest Request(bool tty = false) => new("ns", "toolbox", ["sh", "-c", "cat"], Container: "shell", Tty: tty);

    private static async Task<string> ReadAllAsync(IExecSession session, int stream)
    {
        var text = new StringBuilder();
        await foreach (var chunk in session.ReadOutputAsync(Ct))
        {
            if (chunk.Stream == stream)
            {
                text.Append(Encoding.UTF8.GetString(chunk.Data.Span));
            }
        }

        return text.ToString();
    }

    [Fact]
    public async Task V5_session_carries_stdin_stdout_stderr_and_a_zero_exit_code()
    {
        var seen = new ConcurrentQueue<string>();
        await using var server = await FakeExecServer.StartAsync(V5AndV4, async (socket, context) =>
        {
            seen.Enqueue(context.Request.QueryString.Value!);
            seen.Enqueue(context.Request.Headers.Authorization!);
            seen.Enqueue(socket.SubProtocol!);
            var input = await FakeExecServer.ReceiveAsync(socket);
            await FakeExecServer.SendAsync(socket, ExecFrames.Stdout, "out:" + Encoding.UTF8.GetString(input!, 1, input!.Length - 1));
            await FakeExecServer.SendAsync(socket, ExecFrames.Stderr, "warning");
            await FakeExecServer.FinishAsync(socket, FakeExecServer.Success);
        });
        using var client = server.CreateClient();

        await using var session = await client.ExecAsync(Request(), Ct);
        await session.WriteStdinAsync("hello"u8.ToArray(), Ct);
        var outputs = new List<ExecOutput>();
        await foreach (var chunk in session.ReadOutputAsync(Ct))
        {
            outputs.Add(chunk);
        }

        Assert.Equal(0, await session.Completion.WaitAsync(TimeSpan.FromSeconds(60), Ct));
        Assert.Equal("out:hello", Encoding.UTF8.GetString(outputs.Single(o => o.Stream == 1).Data.Span));
        Assert.Equal("warning", Encoding.UTF8.GetString(outputs.Single(o => o.Stream == 2).Data.Span));
        var values = seen.ToArray();
        Assert.Equal("?command=sh&command=-c&command=cat&container=shell&stdin=true&stdout=true&stderr=true&tty=false", values[0]);
        Assert.Equal("Bearer test-token", values[1]);
        Assert.Equal(ExecFrames.V5Protocol, values[2]);
    }

    [Fact]
    public async Task V5_close_stdin_sends_255_0_and_the_exit_code_is_reported()
    {
        await using var server = await FakeExecServer.StartAsync(V5AndV4, async (socket, _) =>
        {
            var frame = await FakeExecServer.ReceiveAsync(socket);
            var closed = frame is [255, 0];
            await FakeExecServer.FinishAsync(socket, FakeExecServer.ExitCode(closed ? 3 : 99));
        });
        using var client = server.CreateClient();

        await using var session = await client.ExecAsync(Request(), Ct);
        await session.CloseStdinAsync(Ct);
        await ReadAllAsync(session, 1);

        Assert.Equal(3, await session.Completion.WaitAsync(TimeSpan.FromSeconds(60), Ct));
    }

    [Fact]
    public async Task V4_is_used_when_the_server_only_speaks_v4()
    {
        await using var server = await FakeExecServer.StartAsync(V4Only, async (socket, _) =>
        {
            await FakeExecServer.SendAsync(socket, ExecFrames.Stdout, "v4 says hi");
            await FakeExecServer.FinishAsync(socket, FakeExecServer.ExitCode(7));
        });
        using var client = server.CreateClient();

        await using var session = await client.ExecAsync(Request(tty: true), Ct);

        Assert.Equal("v4 says hi", await ReadAllAsync(session, 1));
        Assert.Equal(7, await session.Completion.WaitAsync(TimeSpan.FromSeconds(60), Ct));
        var e = await Assert.ThrowsAsync<NotSupportedException>(() => session.CloseStdinAsync(Ct));
        Assert.Contains(ExecFrames.V4Protocol, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Large_and_concurrent_stdin_arrives_intact_in_frames_of_at_most_32_KiB()
    {
        const int writers = 4;
        const int size = 100_000;
        var received = new ConcurrentDictionary<byte, int>();
        var largest = 0;
        await using var server = await FakeExecServer.StartAsync(V5AndV4, async (socket, _) =>
        {
            var total = 0;
            while (total < writers * size && await FakeExecServer.ReceiveAsync(socket) is { } frame)
            {
                Assert.Equal(ExecFrames.Stdin, frame[0]);
                largest = Math.Max(largest, frame.Length);
                foreach (var b in frame.AsSpan(1))
                {
                    received.AddOrUpdate(b, 1, (_, n) => n + 1);
                }

                total += frame.Length - 1;
            }

            await FakeExecServer.SendAsync(socket, ExecFrames.Stdout, total.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await FakeExecServer.FinishAsync(socket, FakeExecServer.Success);
        });
        using var client = server.CreateClient();

        await using var session = await client.ExecAsync(Request(), Ct);
        await Task.WhenAll(Enumerable.Range(1, writers).Select(i => session.WriteStdinAsync(Enumerable.Repeat((byte)i, size).ToArray(), Ct)));

        Assert.Equal((writers * size).ToString(System.Globalization.CultureInfo.InvariantCulture), await ReadAllAsync(session, 1));
        Assert.Equal(0, await session.Completion.WaitAsync(TimeSpan.FromSeconds(60), Ct));
        Assert.InRange(largest, 2, 32 * 1024);
        Assert.All(Enumerable.Range(1, writers), i => Assert.Equal(size, received[(byte)i]));
    }

    [Fact]
    public async Task Resize_sends_width_and_height_on_channel_4()
    {
        string? resize = null;
        await using var server = await FakeExecServer.StartAsync(V5AndV4, async (socket, _) =>
        {
            var frame = await FakeExecServer.ReceiveAsync(socket);
            resize = $"{frame![0]}:{Encoding.UTF8.GetString(frame, 1, frame.Length - 1)}";
            await FakeExecServer.FinishAsync(socket, FakeExecServer.Success);
        });
        using var client = server.CreateClient();

        await using var session = await client.ExecAsync(Request(tty: true), Ct);
        await session.ResizeAsync(132, 43, Ct);
        await session.Completion.WaitAsync(TimeSpan.FromSeconds(60), Ct);

        Assert.Equal("4:{\"Width\":132,\"Height\":43}", resize);
    }

    [Fact]
    public async Task A_failure_status_faults_completion_with_the_servers_message()
    {
        await using var server = await FakeExecServer.StartAsync(V5AndV4, socket_ =>
            FakeExecServer.FinishAsync(socket_, """{"status":"Failure","message":"container shell is not running","reason":"InternalError","code":500}"""));
        using var client = server.CreateClient();

        await using var session = await client.ExecAsync(Request(), Ct);

        var e = await Assert.ThrowsAsync<KubeApiException>(() => session.Completion.WaitAsync(TimeSpan.FromSeconds(60), Ct));
        Assert.Equal("container shell is not running", e.Message);
    }

    [Fact]
    public async Task A_stream_closed_without_status_completes_with_minus_one()
    {
        await using var server = await FakeExecServer.StartAsync(V5AndV4, socket => FakeExecServer.FinishAsync(socket, null));
        using var client = server.CreateClient();

        await using var session = await client.ExecAsync(Request(), Ct);

        Assert.Equal(-1, await session.Completion.WaitAsync(TimeSpan.FromSeconds(60), Ct));
    }

    [Fact]
    public async Task A_refused_upgrade_raises_the_servers_status()
    {
        await using var server = await FakeApiServer.StartAsync(app => app.Map("/api/v1/namespaces/ns/pods/toolbox/exec", (HttpContext c) =>
        {
            c.Response.StatusCode = 404;
            return c.Response.WriteAsync("""{"kind":"Status","status":"Failure","message":"pods \"toolbox\" not found","reason":"NotFound","code":404}""");
        }));
        using var client = server.CreateClient();

        var e = await Assert.ThrowsAsync<KubeApiException>(() => client.ExecAsync(Request(), Ct));

        Assert.Equal(404, e.Code);
        Assert.Equal("NotFound", e.Reason);
        Assert.Equal("pods \"toolbox\" not found", e.Message);
    }

    [Fact]
    public async Task A_refusal_without_a_status_body_still_names_the_pod_and_code()
    {
        await using var server = await FakeApiServer.StartAsync(app => app.Map("/api/v1/namespaces/ns/pods/toolbox/exec", (HttpContext c) =>
        {
            c.Response.StatusCode = 403;
            return Task.CompletedTask;
        }));
        using var client = server.CreateClient();

        var e = await Assert.ThrowsAsync<KubeApiException>(() => client.ExecAsync(Request(), Ct));

        Assert.Equal(403, e.Code);
        Assert.Contains("pod ns/toolbox", e.Message, StringComparison.Ordinal);
    }
}
