using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Schema;

/// <summary>Scalar and special-type values (Time, Quantity, IntOrString, RawExtension, ...).</summary>
public sealed partial class ProtobufDecoder
{
    private JsonNode? ReadValue(FieldDefinition field, TypeDefinition type, ProtobufReader reader, int wireType, int offset)
    {
        int expected = WireTypeOf(field.Kind);
        ExpectWireType(field, type, wireType, expected, offset);
        switch (field.Kind)
        {
            case FieldKind.Text:
                return JsonValue.Create(reader.ReadString());
            case FieldKind.Number32:
                return JsonValue.Create(unchecked((int)reader.ReadVarint()));
            case FieldKind.Number64:
                return JsonValue.Create(unchecked((long)reader.ReadVarint()));
            case FieldKind.Flag:
                return JsonValue.Create(reader.ReadVarint() != 0);
            case FieldKind.Real:
                double real = BitConverter.UInt64BitsToDouble(reader.ReadFixed64());
                return double.IsFinite(real)
                    ? JsonValue.Create(real)
                    : throw new ProtobufFormatException($"Field {type.Name}.{field.JsonName} holds {real}, which JSON cannot carry", offset);
            case FieldKind.Bytes:
                return JsonValue.Create(Convert.ToBase64String(reader.ReadBytes()));
            case FieldKind.Message:
                TypeDefinition nestedType = _model.Resolve(field)!;
                if (nestedType.IsAnyValue)
                {
                    throw new ProtobufFormatException(
                        $"Field {type.Name}.{field.JsonName} ({nestedType.Name}) cannot be read from protobuf by this server; send the object as JSON", offset);
                }

                var nested = new JsonObject();
                DecodeInto(nestedType, reader.ReadDelimited(), nested);
                if (nestedType.IsListWrapper)
                {
                    JsonNode? list = nested.FirstOrDefault().Value;
                    nested.Clear();
                    return list ?? new JsonArray();
                }

                return nested;
            case FieldKind.Time:
            case FieldKind.MicroTime:
                return ReadTime(reader.ReadDelimited(), field.Kind == FieldKind.MicroTime);
            case FieldKind.Duration:
                return JsonValue.Create(FormatDuration(ReadSingleVarint(reader.ReadDelimited())));
            case FieldKind.Quantity:
                return JsonValue.Create(ReadSingleString(reader.ReadDelimited()));
            case FieldKind.IntOrString:
                return ReadIntOrString(reader.ReadDelimited());
            case FieldKind.RawExtension:
            case FieldKind.FieldsV1:
                return ReadRawJson(reader.ReadDelimited());
            default:
                throw new InvalidOperationException($"Unhandled field kind {field.Kind}.");
        }
    }

    private static bool IsZero(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>().Length == 0,
        JsonValueKind.False => true,
        JsonValueKind.Number => value.ToJsonString() == "0",
        _ => false,
    };

    private static JsonValue? ReadTime(ProtobufReader reader, bool micro)
    {
        long seconds = 0;
        long nanos = 0;
        while (!reader.AtEnd)
        {
            (int number, int wireType) = reader.ReadTag();
            if (number == 1 && wireType == 0)
            {
                seconds = unchecked((long)reader.ReadVarint());
            }
            else if (number == 2 && wireType == 0)
            {
                nanos = unchecked((int)reader.ReadVarint());
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        if (seconds == 0 && nanos == 0)
        {
            return null;
        }

        // Years before 1 or after 9999 have no RFC 3339 form.
        if (seconds is < -62135596800 or > 253402300799 || nanos is < 0 or > 999_999_999)
        {
            throw new ProtobufFormatException($"Timestamp {seconds} seconds {nanos} nanoseconds is out of range", reader.Position);
        }

        DateTime time = DateTime.UnixEpoch.AddSeconds(seconds);
        string text = micro
            ? time.AddTicks(nanos / 100).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)
            : time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return JsonValue.Create(text);
    }

    private static long ReadSingleVarint(ProtobufReader reader)
    {
        long value = 0;
        while (!reader.AtEnd)
        {
            (int number, int wireType) = reader.ReadTag();
            if (number == 1 && wireType == 0)
            {
                value = unchecked((long)reader.ReadVarint());
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return value;
    }

    private static string ReadSingleString(ProtobufReader reader)
    {
        string value = "";
        while (!reader.AtEnd)
        {
            (int number, int wireType) = reader.ReadTag();
            if (number == 1 && wireType == 2)
            {
                value = reader.ReadString();
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return value;
    }

    private static JsonValue ReadIntOrString(ProtobufReader reader)
    {
        long type = 0;
        int intVal = 0;
        string strVal = "";
        while (!reader.AtEnd)
        {
            (int number, int wireType) = reader.ReadTag();
            switch (number)
            {
                case 1 when wireType == 0:
                    type = unchecked((long)reader.ReadVarint());
                    break;
                case 2 when wireType == 0:
                    intVal = unchecked((int)reader.ReadVarint());
                    break;
                case 3 when wireType == 2:
                    strVal = reader.ReadString();
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return type == 1 ? JsonValue.Create(strVal) : JsonValue.Create(intVal);
    }

    private static JsonNode? ReadRawJson(ProtobufReader reader)
    {
        byte[]? raw = null;
        int rawAt = reader.Position;
        while (!reader.AtEnd)
        {
            (int number, int wireType) = reader.ReadTag();
            if (number == 1 && wireType == 2)
            {
                rawAt = reader.Position;
                raw = reader.ReadBytes();
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        if (raw is null || raw.Length == 0)
        {
            return null;
        }

        try
        {
            return StrictJson.Parse(raw);
        }
        catch (StrictJsonException e)
        {
            throw new ProtobufFormatException($"Embedded object is not valid JSON: {e.Message}", rawAt);
        }
    }

    /// <summary>Formats nanoseconds the way Go's <c>time.Duration.String</c> does, e.g. <c>1h2m3.5s</c>.</summary>
    internal static string FormatDuration(long nanoseconds)
    {
        if (nanoseconds == 0)
        {
            return "0s";
        }

        bool negative = nanoseconds < 0;
        ulong u = negative ? (ulong)(-(nanoseconds + 1)) + 1 : (ulong)nanoseconds;
        string sign = negative ? "-" : "";
        if (u < 1_000_000_000UL)
        {
            (ulong unit, string suffix) = u < 1_000UL ? (1UL, "ns") : u < 1_000_000UL ? (1_000UL, "µs") : (1_000_000UL, "ms");
            return sign + Fraction(u, unit) + suffix;
        }

        var text = new StringBuilder(sign);
        ulong hours = u / 3_600_000_000_000UL;
        ulong minutes = u / 60_000_000_000UL % 60;
        ulong rest = u % 60_000_000_000UL;
        if (hours > 0)
        {
            text.Append(hours).Append('h');
        }

        if (hours > 0 || minutes > 0)
        {
            text.Append(minutes).Append('m');
        }

        return text.Append(Fraction(rest, 1_000_000_000UL)).Append('s').ToString();
    }

    private static string Fraction(ulong value, ulong unit)
    {
        string whole = (value / unit).ToString(CultureInfo.InvariantCulture);
        ulong frac = value % unit;
        if (frac == 0)
        {
            return whole;
        }

        int digits = unit.ToString(CultureInfo.InvariantCulture).Length - 1;
        return whole + "." + frac.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
    }
}
