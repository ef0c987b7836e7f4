using System.Text;
using k8s;
using k8s.Models;

namespace Labs.Kube;

internal sealed partial class DemuxedExecSession
{
    private const int ReadBufferSize = 16 * 1024;

    /// <summary>Copies the output, then reads the exit status and closes the socket the server has closed.</summary>
    private async Task FinishAsync(IReadOnlyList<(int Channel, Stream Stream)> outputs, Stream status)
    {
        try
        {
            // The demuxer's Read blocks until data arrives: a thread of its own per stream, not one of the pool's.
            var copies = outputs.Select(o => Task.Factory.StartNew(
                () => Copy(o.Channel, o.Stream), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
            await Task.WhenAll(copies);
            // The output streams end when the receive loop does, so the status stream has all it will ever get.
            using var reader = new StreamReader(status, Encoding.UTF8);
            var text = await reader.ReadToEndAsync();
            _completion.TrySetResult(string.IsNullOrWhiteSpace(text) ? -1 : ExitCode(text));
        }
        catch (Exception e) when (e is KubernetesException or InvalidDataException)
        {
            _completion.TrySetException(e);
        }
        catch (Exception e)
        {
            _completion.TrySetException(new IOException($"The exec stream of {_target} failed: {e.Message}", e));
        }
        finally
        {
            _output.Writer.TryComplete();
            _completion.TrySetResult(-1);
        }

        if (Volatile.Read(ref _disposed) == 0)
        {
            await CloseSocketAsync();
        }
    }

    private void Copy(int channel, Stream stream)
    {
        var buffer = new byte[ReadBufferSize];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            _bounded.Consumed(read);
            var chunk = new ExecOutput(channel, buffer.AsSpan(0, read).ToArray());
            while (!_output.Writer.TryWrite(chunk))
            {
                try
                {
                    // This is a dedicated thread: waiting here for the reader to make room is its whole purpose.
                    if (!_output.Writer.WaitToWriteAsync(_stop.Token).AsTask().GetAwaiter().GetResult())
                    {
                        return;
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private int ExitCode(string statusJson)
    {
        V1Status? status;
        try
        {
            status = KubernetesJson.Deserialize<V1Status>(statusJson);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException($"Exec in {_target} ended with a status that is not a v1.Status: {e.Message}", e);
        }

        return status is null
            ? throw new InvalidDataException($"Exec in {_target} ended with an empty status.")
            : Kubernetes.GetExitCodeOrThrow(status);
    }
}
