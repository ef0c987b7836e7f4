using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Schema;

/// <summary>
/// Renders values the way Go's <c>fmt</c> and <c>encoding/json</c> do, so that error messages read exactly like the
/// real API server's (<c>%q</c> quoting, <c>%v</c> of decoded JSON, sorted-key JSON of Go maps).
/// </summary>
internal static class GoText
{
    private static readonly JsonWriterOptions CompactWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Go's <c>strconv.Quote</c> (<c>%q</c>): double quotes, backslash escapes, printable characters kept.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\a': text.Append("\\a"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\v': text.Append("\\v"); break;
                default:
                    if (c < 0x20 || c == 0x7F)
                    {
                        text.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsSurrogate(c) || char.IsControl(c))
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }

    /// <summary>Whether a JSON number literal is what Go's decoder keeps as an int64 (no fraction, no exponent, in range).</summary>
    public static bool IsInt64Literal(string literal) =>
        literal.Length > 0 && literal.AsSpan(literal[0] == '-' ? 1 : 0).IndexOfAnyExceptInRange('0', '9') < 0
        && long.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    /// <summary>The Go kind a decoded JSON value has in an unstructured map: string, int64, float64, bool, map, slice.</summary>
    public static string UnstructuredKind(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => IsInt64Literal(value.ToJsonString()) ? "int64" : "float64",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Object => "map",
        JsonValueKind.Array => "slice",
        _ => "interface",
    };

    /// <summary><c>%v</c> of a float64 as Go prints it: shortest digits, exponent form below 1e-4 and from 1e6 on.</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return double.IsNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
        }

        if (value == 0)
        {
            return "0";
        }

        // "R" is the shortest text that round-trips, the digits Go's strconv picks too; only the layout differs.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture).TrimStart('-');
        var e = shortest.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? shortest : shortest[..e];
        var exponent = e < 0 ? 0 : int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var all = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        var exp = exponent + (point < 0 ? mantissa.Length : point) - 1 - leadingZeros;
        string body;
        if (exp < -4 || exp >= 6)
        {
            var fraction = digits.Length > 1 ? "." + digits[1..] : string.Empty;
            body = $"{digits[0]}{fraction}e{(exp < 0 ? '-' : '+')}{Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture)}";
        }
        else if (exp >= 0)
        {
            body = digits.Length > exp + 1 ? digits[..(exp + 1)] + "." + digits[(exp + 1)..] : digits.PadRight(exp + 1, '0');
        }
        else
        {
            body = "0." + new string('0', -exp - 1) + digits;
        }

        return (value < 0 ? "-" : string.Empty) + body;
    }

    /// <summary><c>%v</c> of a decoded JSON value as Go prints an unstructured map: <c>map[a:1 b:[x y]]</c>.</summary>
    public static string Value(JsonNode? value)
    {
        var text = new StringBuilder();
        AppendValue(text, value);
        return text.ToString();
    }

    /// <summary>Compact JSON with every object's keys sorted, as Go's <c>encoding/json</c> writes a map.</summary>
    public static string SortedJson(JsonNode? value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, CompactWriter))
        {
            WriteSorted(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void AppendValue(StringBuilder text, JsonNode? value)
    {
        switch (value)
        {
            case null:
                text.Append("<nil>");
                break;
            case JsonObject obj:
                text.Append("map[");
                var first = true;
                foreach (var (key, child) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    text.Append(first ? string.Empty : " ").Append(key).Append(':');
                    AppendValue(text, child);
                    first = false;
                }

                text.Append(']');
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    text.Append(i > 0 ? " " : string.Empty);
                    AppendValue(text, array[i]);
                }

                text.Append(']');
                break;
            default:
                AppendScalar(text, value);
                break;
        }
    }

    private static void AppendScalar(StringBuilder text, JsonNode value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                text.Append(value.GetValue<string>());
                break;
            case JsonValueKind.Number:
                var literal = value.ToJsonString();
                text.Append(IsInt64Literal(literal) ? literal
                    : double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? Float(d) : literal);
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            default:
                text.Append("<nil>");
                break;
        }
    }

    private static void WriteSorted(Utf8JsonWriter writer, JsonNode? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, child) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteSorted(writer, child);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteSorted(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
