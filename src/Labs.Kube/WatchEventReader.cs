using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Labs.Kube;

/// <summary>Reads a watch response body: one JSON event <c>{"type":..,"object":{..}}</c> per line.</summary>
internal static class WatchEventReader
{
    /// <summary>Yields events until the stream ends; lines may arrive split across any number of chunks.</summary>
    /// <exception cref="InvalidDataException">A line is not a watch event.</exception>
    public static async IAsyncEnumerable<WatchEvent> ReadAsync(Stream stream, string what, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024, leaveOpen: true);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return Parse(line, what);
        }
    }

    /// <summary>Parses one line of a watch stream.</summary>
    /// <exception cref="InvalidDataException">The line is not a watch event.</exception>
    public static WatchEvent Parse(string line, string what)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The watch {what} sent a line that is not JSON ({e.Message}): {Shorten(line)}", e);
        }

        if (node is JsonObject obj
            && obj["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String
            && obj["object"] is JsonObject target)
        {
            // Detach so the event's object can be kept or modified independently of the envelope.
            obj.Remove("object");
            return new WatchEvent(type.GetValue<string>(), target);
        }

        throw new InvalidDataException($"The watch {what} sent a line that is not a watch event (needs \"type\" and \"object\"): {Shorten(line)}");
    }

    private static string Shorten(string line) => line.Length <= 200 ? line : line[..200] + "...";
}
