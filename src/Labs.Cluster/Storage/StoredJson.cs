using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Storage;

/// <summary>How objects are written to and read from a journal: compact UTF-8 JSON that reads back whatever the store accepted.</summary>
internal static class StoredJson
{
    // The text is never embedded in HTML, so only what JSON itself requires is escaped (smaller, and readable in sqlite3).
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Deeper than anything StorableObject lets in, so that every stored object parses again.
    private static readonly JsonDocumentOptions ReaderOptions = new() { MaxDepth = (StorableObject.MaxDepth * 2) + 8 };

    public static byte[] Serialize(JsonObject obj)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            obj.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses a stored object; throws <see cref="JsonException"/> (or <see cref="InvalidDataException"/> for a non-object) when it is not one.</summary>
    public static JsonObject Parse(ReadOnlySpan<byte> utf8) =>
        JsonNode.Parse(utf8, documentOptions: ReaderOptions) as JsonObject
            ?? throw new InvalidDataException("the stored value is not a JSON object");
}
