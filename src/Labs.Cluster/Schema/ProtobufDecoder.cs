using System.Text.Json.Nodes;

namespace Labs.Cluster.Schema;

/// <summary>
/// Decodes Kubernetes protobuf request bodies (<c>k8s\0</c> envelope around a <c>runtime.Unknown</c>) into the JSON
/// object a client would have sent, driven by the <see cref="TypeModel"/>. Zero values of non-pointer fields are
/// dropped the way Go's <c>omitempty</c> would; pointer fields keep them.
/// </summary>
public sealed partial class ProtobufDecoder
{
    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];
    private readonly TypeModel _model;

    /// <summary>Creates a decoder over a type model.</summary>
    /// <param name="model">The model; <see cref="TypeModel.Default"/> when null.</param>
    public ProtobufDecoder(TypeModel? model = null)
    {
        _model = model ?? TypeModel.Default;
    }

    /// <summary>Whether bodies of this apiVersion and kind can be decoded.</summary>
    public bool CanDecode(string apiVersion, string kind) => _model.FindKind(apiVersion, kind) is not null;

    /// <summary>Decodes an enveloped request body into JSON with <c>apiVersion</c> and <c>kind</c> set.</summary>
    /// <param name="body">The whole request body, starting with <c>6b 38 73 00</c>.</param>
    /// <returns>The object as JSON.</returns>
    /// <exception cref="ProtobufFormatException">The body is malformed; the message carries the byte offset.</exception>
    /// <exception cref="ProtobufFormatException">Also when the kind is not in the type model (<see cref="CanDecode"/> tells beforehand).</exception>
    public JsonObject Decode(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length < Magic.Length || !body.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new ProtobufFormatException("Protobuf body does not start with the Kubernetes envelope magic 6b 38 73 00", 0);
        }

        var reader = new ProtobufReader(body, Magic.Length, body.Length);
        string apiVersion = "";
        string kind = "";
        ProtobufReader? raw = null;
        while (!reader.AtEnd)
        {
            int tagAt = reader.Position;
            (int field, int wireType) = reader.ReadTag();
            if (field is 1 or 2 && wireType != 2)
            {
                throw new ProtobufFormatException($"runtime.Unknown field {field} must be length-delimited", tagAt);
            }

            if (field == 1)
            {
                (apiVersion, kind) = ReadTypeMeta(reader.ReadDelimited());
            }
            else if (field == 2)
            {
                raw = reader.ReadDelimited();
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        if (kind.Length == 0)
        {
            throw new ProtobufFormatException("Protobuf envelope has no typeMeta.kind", Magic.Length);
        }

        TypeDefinition type = _model.FindKind(apiVersion, kind)
            ?? throw new ProtobufFormatException($"Protobuf bodies of {apiVersion} {kind} are not supported by this server; send JSON instead", Magic.Length);
        var result = new JsonObject { ["kind"] = kind, ["apiVersion"] = apiVersion };
        if (raw is not null)
        {
            DecodeInto(type, raw, result);
        }

        return result;
    }

    /// <summary>Decodes a bare (not enveloped) message of a modelled type.</summary>
    /// <param name="typeName">Full type name, e.g. <c>io.k8s.api.core.v1.PodSpec</c>.</param>
    /// <param name="message">The message bytes.</param>
    public JsonObject DecodeMessage(string typeName, byte[] message)
    {
        ArgumentNullException.ThrowIfNull(message);
        TypeDefinition type = _model.Find(typeName) ?? throw new ArgumentException($"Type {typeName} is not in the type model.", nameof(typeName));
        var result = new JsonObject();
        DecodeInto(type, new ProtobufReader(message, 0, message.Length), result);
        return result;
    }

    private static (string ApiVersion, string Kind) ReadTypeMeta(ProtobufReader reader)
    {
        string apiVersion = "";
        string kind = "";
        while (!reader.AtEnd)
        {
            (int field, int wireType) = reader.ReadTag();
            if (field == 1 && wireType == 2)
            {
                apiVersion = reader.ReadString();
            }
            else if (field == 2 && wireType == 2)
            {
                kind = reader.ReadString();
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        return (apiVersion, kind);
    }

    private void DecodeInto(TypeDefinition type, ProtobufReader reader, JsonObject target)
    {
        while (!reader.AtEnd)
        {
            int tagAt = reader.Position;
            (int number, int wireType) = reader.ReadTag();
            FieldDefinition? field = type.FieldByNumber(number);
            if (field is null)
            {
                // Newer clients may send fields this model does not know; skipping keeps the rest usable.
                reader.Skip(wireType);
                continue;
            }

            if (field.Inline)
            {
                ExpectWireType(field, type, wireType, 2, tagAt);
                DecodeInto(_model.Resolve(field)!, reader.ReadDelimited(), target);
            }
            else if (field.IsMap)
            {
                ExpectWireType(field, type, wireType, 2, tagAt);
                ReadMapEntry(field, type, reader.ReadDelimited(), target);
            }
            else if (field.Repeated)
            {
                if (!target.TryGetPropertyValue(field.JsonName, out JsonNode? existing) || existing is not JsonArray array)
                {
                    array = [];
                    target[field.JsonName] = array;
                }

                if (wireType == 2 && IsPackable(field.Kind))
                {
                    ProtobufReader packed = reader.ReadDelimited();
                    while (!packed.AtEnd)
                    {
                        array.Add(ReadValue(field, type, packed, WireTypeOf(field.Kind), packed.Position));
                    }
                }
                else
                {
                    array.Add(ReadValue(field, type, reader, wireType, tagAt));
                }
            }
            else
            {
                JsonNode? value = ReadValue(field, type, reader, wireType, tagAt);
                if (value is null || (!field.IsPointer && !field.Required && IsZero(value)))
                {
                    target.Remove(field.JsonName);
                }
                else
                {
                    target[field.JsonName] = value;
                }
            }
        }
    }

    private void ReadMapEntry(FieldDefinition field, TypeDefinition type, ProtobufReader entry, JsonObject target)
    {
        string key = "";
        JsonNode? value = null;
        while (!entry.AtEnd)
        {
            int tagAt = entry.Position;
            (int number, int wireType) = entry.ReadTag();
            if (number == 1)
            {
                ExpectWireType(field, type, wireType, 2, tagAt);
                key = entry.ReadString();
            }
            else if (number == 2)
            {
                value = ReadValue(field, type, entry, wireType, tagAt);
            }
            else
            {
                entry.Skip(wireType);
            }
        }

        if (!target.TryGetPropertyValue(field.JsonName, out JsonNode? existing) || existing is not JsonObject map)
        {
            map = [];
            target[field.JsonName] = map;
        }

        map[key] = value ?? DefaultMapValue(field);
    }

    private static JsonNode? DefaultMapValue(FieldDefinition field) => field.Kind switch
    {
        FieldKind.Text or FieldKind.Bytes => JsonValue.Create(""),
        FieldKind.Message => new JsonObject(),
        _ => null,
    };

    private static void ExpectWireType(FieldDefinition field, TypeDefinition type, int actual, int expected, int offset)
    {
        if (actual != expected)
        {
            throw new ProtobufFormatException(
                $"Field {type.Name}.{field.JsonName} (number {field.Number}) has wire type {actual}, expected {expected}", offset);
        }
    }

    private static bool IsPackable(FieldKind kind) => kind is FieldKind.Number32 or FieldKind.Number64 or FieldKind.Flag or FieldKind.Real;

    private static int WireTypeOf(FieldKind kind) => kind switch
    {
        FieldKind.Number32 or FieldKind.Number64 or FieldKind.Flag => 0,
        FieldKind.Real => 1,
        _ => 2,
    };
}
