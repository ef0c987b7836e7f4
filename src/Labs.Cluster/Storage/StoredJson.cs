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
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = (StorableObject.MaxDepth * 2) + 8 };

    public static byte[] Serialize(JsonObject obj)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            obj.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Parses a stored object into an element (its own exactly-sized document) that a <see cref="JsonObject"/> wraps
    /// without reading it further until it is used. Throws <see cref="JsonException"/> for bad JSON and
    /// <see cref="InvalidDataException"/> for JSON that is not an object.
    /// </summary>
    public static JsonElement Parse(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        var element = JsonElement.ParseValue(ref reader);
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("the stored value is not a JSON object");
        }

        if (reader.Read())
        {
            throw new InvalidDataException("the stored value goes on after its object");
        }

        return element;
    }
}
