using System.Buffers;
using System.ComponentModel;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Labs.Cluster.Workloads.Isolation;

namespace Labs.Cluster.Workloads.Exec;

internal sealed partial class ExecHandler
{
    private const byte StdinChannel = 0;
    private const byte ErrorChannel = 3;
    private const byte ResizeChannel = 4;
    private const byte CloseChannel = 255;

    private async Task RunSessionAsync(WebSocket socket, bool v5, JsonObject pod, JsonObject container, ExecRequest request, CancellationToken cancellationToken)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var failure = _tools.Missing(needsSetPriv: sandboxes.HostUid(pod.Uid()) is not null, needsSocat: options.ApiServerSocket is not null)
            ?? (request.Command.Count == 0 && _tools.Shell is null ? $"{Path.GetFileName(options.ShellPath)} (Debian package {Path.GetFileName(options.ShellPath)}) is not installed" : null)
            ?? MissingExecutable(request.Command);
        ISandboxProcess? process = null;
        if (failure is null)
        {
            SandboxSpec? spec = null;
            try
            {
                spec = BuildSpec(pod, container, request);
                process = Sandbox.Start(_tools, spec);
            }
            catch (SubPathException ex)
            {
                failure = ex.Message;
            }
            catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                LogExecFailed(logger, ex, pod.Name());
                failure = $"could not start the command in pod {pod.Name()}: {ex.Message}";
            }
            finally
            {
                // The child holds its own copies of the mounts' descriptors.
                foreach (var mount in spec?.Mounts ?? [])
                {
                    mount.Source.Dispose();
                }
            }
        }

        if (process is null)
        {
            await FinishAsync(socket, FailureStatus(failure!, "InternalError", null), cancellationToken);
            return;
        }

        Sessions.Add(pod.Uid(), process);
        try
        {
            var receiving = ReceiveLoopAsync(socket, process, v5, request, session);
            await SendOutputAsync(socket, process, request, session.Token);

            var exitCode = await process.WaitForExitAsync();
            var status = exitCode == 0
                ? new JsonObject { ["metadata"] = new JsonObject(), ["status"] = "Success" }
                : FailureStatus(
                    $"command terminated with non-zero exit code: error executing command [{string.Join(' ', BuildSpecCommand(request))}], exit code {exitCode.ToString(CultureInfo.InvariantCulture)}",
                    "NonZeroExitCode",
                    exitCode);
            await FinishAsync(socket, status, session.Token);

            // Let the client answer the close handshake, but never wait on it for long.
            await Task.WhenAny(receiving, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client went away or the session was cut: the process is killed below.
        }
        finally
        {
            await session.CancelAsync();
            Sessions.Remove(process);
            await process.DisposeAsync();
        }
    }

    /// <summary>A bare command name that is on no directory of the sandbox's PATH, reported as containerd does.</summary>
    private string? MissingExecutable(IReadOnlyList<string> command)
    {
        if (command.Count == 0 || command[0].Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        // The sandbox's PATH as the host holds it: the system directories are the host's, the tools folder is bound.
        var path = Sandbox.SearchPath.Split(':').Select(dir => dir == Sandbox.ToolsDirectory ? _tools.Extra : dir).OfType<string>();
        return path.Any(dir => File.Exists(Path.Combine(dir, command[0])))
            ? null
            : $"Internal error occurred: error executing command in container: failed to exec in container: exec: \"{command[0]}\": executable file not found in $PATH";
    }

    private IReadOnlyList<string> BuildSpecCommand(ExecRequest request) =>
        request.Command.Count > 0 ? request.Command : [options.ShellPath];

    private static JsonObject FailureStatus(string message, string reason, int? exitCode)
    {
        var status = new JsonObject
        {
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (exitCode is { } code)
        {
            status["details"] = new JsonObject
            {
                ["causes"] = new JsonArray(new JsonObject { ["reason"] = "ExitCode", ["message"] = code.ToString(CultureInfo.InvariantCulture) }),
            };
        }

        return status;
    }

    internal static async Task FinishAsync(WebSocket socket, JsonObject status, CancellationToken cancellationToken)
    {
        try
        {
            await SendFrameAsync(socket, ErrorChannel, Encoding.UTF8.GetBytes(status.ToJsonString()), cancellationToken);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Nobody is listening any more.
        }
    }

    /// <summary>
    /// Sends the command's output as channel frames. What is already queued when a frame goes is joined into it (up to
    /// 64 KiB, one stream per frame), so a flood costs a message per 64 KiB rather than per terminal read (about 4 KiB),
    /// while a lone keystroke's echo still goes at once.
    /// </summary>
    internal static async Task SendOutputAsync(WebSocket socket, ISandboxProcess process, ExecRequest request, CancellationToken cancellationToken)
    {
        const int MaxFrame = 64 * 1024;
        var frame = new byte[MaxFrame + 1];
        var length = 0;
        var reader = process.Output;
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            while (reader.TryRead(out var chunk))
            {
                var (channel, data) = chunk;
                if ((channel == 1 && !request.Stdout) || (channel == 2 && !request.Stderr))
                {
                    continue;
                }

                if (length > 0 && (frame[0] != channel || length + data.Length > MaxFrame))
                {
                    await socket.SendAsync(frame.AsMemory(0, length + 1), WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
                    length = 0;
                }

                if (data.Length > MaxFrame)
                {
                    await SendFrameAsync(socket, (byte)channel, data, cancellationToken);
                    continue;
                }

                frame[0] = (byte)channel;
                data.CopyTo(frame, length + 1);
                length += data.Length;
            }

            if (length > 0)
            {
                await socket.SendAsync(frame.AsMemory(0, length + 1), WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
                length = 0;
            }
        }
    }

    private static async Task SendFrameAsync(WebSocket socket, byte channel, byte[] data, CancellationToken cancellationToken)
    {
        var frame = new byte[data.Length + 1];
        frame[0] = channel;
        data.CopyTo(frame, 1);
        await socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
    }

    internal static async Task ReceiveLoopAsync(WebSocket socket, ISandboxProcess process, bool v5, ExecRequest request, CancellationTokenSource session)
    {
        var buffer = new byte[64 * 1024];
        var message = new ArrayBufferWriter<byte>();
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), session.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (message.WrittenCount + result.Count > MaxMessageBytes)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.MessageTooBig, $"exec input messages are limited to {MaxMessageBytes} bytes", CancellationToken.None);
                    break;
                }

                message.Write(buffer.AsSpan(0, result.Count));
                if (!result.EndOfMessage)
                {
                    continue;
                }

                Dispatch(message.WrittenSpan, process, v5, request);
                message.ResetWrittenCount();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Session over.
        }

        if (socket.State != WebSocketState.CloseSent && socket.State != WebSocketState.Closed)
        {
            // The client left (or misbehaved) while the command still ran: stop it.
            process.Kill();
        }
        else if (socket.State == WebSocketState.Closed)
        {
            process.Kill();
        }
    }

    private static void Dispatch(ReadOnlySpan<byte> frame, ISandboxProcess process, bool v5, ExecRequest request)
    {
        if (frame.IsEmpty)
        {
            return;
        }

        var payload = frame[1..];
        switch (frame[0])
        {
            case StdinChannel when request.Stdin:
                process.WriteInput(payload.ToArray());
                break;
            case ResizeChannel:
                Resize(payload, process);
                break;
            case CloseChannel when v5 && payload.Length > 0 && payload[0] == StdinChannel:
                process.CloseInput();
                break;
        }
    }

    private static void Resize(ReadOnlySpan<byte> payload, ISandboxProcess process)
    {
        try
        {
            var size = JsonNode.Parse(payload);
            if (size.Long("Width") is { } width && size.Long("Height") is { } height)
            {
                process.Resize((int)width, (int)height);
            }
        }
        catch (JsonException)
        {
            // A malformed resize is ignored, as the kubelet does.
        }
    }
}
