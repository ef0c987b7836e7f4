using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Labs.Kube;

/// <summary>
/// The Kubernetes WebSocket channel protocol (<c>v4.channel.k8s.io</c>, <c>v5.channel.k8s.io</c>): every binary
/// message starts with a channel byte.
/// </summary>
internal static class ExecFrames
{
    public const string V5Protocol = "v5.channel.k8s.io";
    public const string V4Protocol = "v4.channel.k8s.io";

    public const byte Stdin = 0;
    public const byte Stdout = 1;
    public const byte Stderr = 2;
    public const byte Status = 3;
    public const byte Resize = 4;
    public const byte Close = 255;

    /// <summary>Largest message this client sends, channel byte included.</summary>
    public const int MaxFrameSize = 32 * 1024;

    /// <summary>One message: the channel byte followed by the payload.</summary>
    public static byte[] Encode(byte channel, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[payload.Length + 1];
        frame[0] = channel;
        payload.CopyTo(frame.AsSpan(1));
        return frame;
    }

    /// <summary>Stdin data as messages of at most <see cref="MaxFrameSize"/> bytes each.</summary>
    public static IEnumerable<byte[]> EncodeStdin(ReadOnlyMemory<byte> data)
    {
        const int chunk = MaxFrameSize - 1;
        for (var offset = 0; offset < data.Length; offset += chunk)
        {
            yield return Encode(Stdin, data.Span.Slice(offset, Math.Min(chunk, data.Length - offset)));
        }
    }

    /// <summary>The resize message: <c>{"Width":W,"Height":H}</c> on channel 4.</summary>
    public static byte[] EncodeResize(int columns, int rows) =>
        Encode(Resize, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"Width\":{columns},\"Height\":{rows}}}")));

    /// <summary>The v5 message that closes stdin: <c>[255, 0]</c>.</summary>
    public static byte[] EncodeCloseStdin() => [Close, Stdin];

    /// <summary>
    /// Reads the final status (channel 3): Success is exit code 0, NonZeroExitCode carries the exit code, any
    /// other failure becomes a <see cref="KubeApiException"/>.
    /// </summary>
    public static int ParseStatus(ReadOnlySpan<byte> json, string target)
    {
        JsonObject? status;
        try
        {
            status = JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException e)
        {
            throw new KubeApiException(500, "InternalError", $"Exec in {target} ended with a status that is not JSON: {e.Message}");
        }

        if (status is null)
        {
            throw new KubeApiException(500, "InternalError", $"Exec in {target} ended with a status that is not a JSON object.");
        }

        var state = Text(status["status"]);
        if (state == "Success")
        {
            return 0;
        }

        if (Text(status["reason"]) == "NonZeroExitCode" && status["details"]?["causes"] is JsonArray causes)
        {
            foreach (var cause in causes)
            {
                if (Text(cause?["reason"]) == "ExitCode" && int.TryParse(Text(cause?["message"]), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code))
                {
                    return code;
                }
            }
        }

        throw KubeStatus.FromStatus(status, 500, $"exec in {target}");
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
