using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Schema;

/// <summary>
/// Reads JSON request content the way Kubernetes' strict decoder (sigs.k8s.io/json) does, and further: a field given
/// twice, a string that is not valid UTF-8, or a <c>\u</c> escape of a lone UTF-16 surrogate is refused here, before
/// anything can store it. <c>System.Text.Json</c> parses such documents lazily and only fails later, when the value is
/// read or written, which is how one bad label used to break every later LIST.
/// </summary>
public static class StrictJson
{
    /// <summary>The deepest nesting accepted; no Kubernetes object comes near it.</summary>
    public const int MaxDepth = 128;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth, AllowTrailingCommas = false };
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth, AllowTrailingCommas = false };

    /// <summary>Parses one JSON document.</summary>
    /// <param name="utf8">The document as UTF-8 bytes.</param>
    /// <returns>The parsed node (null for the JSON literal <c>null</c>).</returns>
    /// <exception cref="StrictJsonException">The document is refused; no other exception escapes.</exception>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8)
    {
        Validate(utf8);
        try
        {
            return JsonNode.Parse(utf8, NodeOptions, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw SyntaxError(e);
        }
    }

    /// <summary>Checks one JSON document without building it.</summary>
    /// <exception cref="StrictJsonException">The document is refused.</exception>
    public static void Validate(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        var frames = new List<Frame>();
        List<string>? duplicates = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        EnterValue(frames);
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartObject));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var name = ReadText(ref reader, frames, isName: true);
                        var frame = frames[^1];
                        frame.Key = name;
                        if (!frame.Names!.Add(name))
                        {
                            (duplicates ??= []).Add(PathOf(frames));
                        }

                        break;
                    case JsonTokenType.String:
                        EnterValue(frames);
                        ReadText(ref reader, frames, isName: false);
                        break;
                    default:
                        EnterValue(frames);
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            throw SyntaxError(e);
        }

        if (duplicates is not null)
        {
            throw new StrictJsonException(StrictJsonProblem.DuplicateField,
                string.Join(", ", duplicates.Select(d => $"duplicate field \"{d}\"")), duplicates);
        }
    }

    /// <summary>Describes a reader error as <c>what (line L, byte B)</c>, without .NET's path and position suffixes.</summary>
    public static string Describe(JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : string.Empty;
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        return (cut > 0 ? message[..cut] : message) + where;
    }

    private static StrictJsonException SyntaxError(JsonException e) => new(Describe(e), e);

    private static void EnterValue(List<Frame> frames)
    {
        if (frames.Count > 0 && !frames[^1].IsObject)
        {
            frames[^1].Index++;
        }
    }

    private static string ReadText(ref Utf8JsonReader reader, List<Frame> frames, bool isName)
    {
        try
        {
            return reader.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException e)
        {
            var path = PathOf(frames);
            var what = isName ? $"a field name in \"{path}\"" : $"the string at \"{path}\"";
            var problem = reader.ValueIsEscaped && e.Message.Contains("UTF-16", StringComparison.Ordinal)
                ? "holds a \\u escape of an unpaired UTF-16 surrogate (\\uD800-\\uDFFF must come in high-low pairs)"
                : "is not valid UTF-8";
            throw new StrictJsonException(StrictJsonProblem.InvalidText,
                $"{what} {problem} (byte offset {reader.TokenStartIndex.ToString(CultureInfo.InvariantCulture)})");
        }
    }

    private static string PathOf(List<Frame> frames)
    {
        var path = new StringBuilder();
        foreach (var frame in frames)
        {
            if (frame.IsObject && frame.Key is not null)
            {
                path.Append(path.Length > 0 ? "." : string.Empty).Append(frame.Key);
            }
            else if (!frame.IsObject && frame.Index >= 0)
            {
                path.Append('[').Append(frame.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
        }

        return path.ToString();
    }

    /// <summary>One open object (its field names so far and the current one) or array (the current index).</summary>
    private sealed class Frame(bool isObject)
    {
        public bool IsObject { get; } = isObject;

        public HashSet<string>? Names { get; } = isObject ? new HashSet<string>(StringComparer.Ordinal) : null;

        public string? Key { get; set; }

        public int Index { get; set; } = -1;
    }
}
