using System.Buffers.Binary;
using System.Text;

namespace Labs.Cluster.Schema;

/// <summary>Reads protobuf wire format from one body; offsets stay absolute so errors point into the request body.</summary>
internal sealed class ProtobufReader
{
    /// <summary>The deepest nesting of length-delimited messages read; no Kubernetes object comes near it.</summary>
    public const int MaxDepth = 100;

    private readonly byte[] _data;
    private readonly int _depth;

    public ProtobufReader(byte[] data, int start, int end)
        : this(data, start, end, 0)
    {
    }

    private ProtobufReader(byte[] data, int start, int end, int depth)
    {
        _data = data;
        Position = start;
        End = end;
        _depth = depth;
    }

    public int Position { get; private set; }

    public int End { get; }

    public bool AtEnd => Position >= End;

    public ulong ReadVarint()
    {
        int start = Position;
        ulong result = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (Position >= End)
            {
                throw new ProtobufFormatException("Truncated varint", start);
            }

            byte b = _data[Position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new ProtobufFormatException("Varint longer than 10 bytes", start);
    }

    public (int Field, int WireType) ReadTag()
    {
        int start = Position;
        ulong tag = ReadVarint();
        int field = (int)(tag >> 3);
        if (field <= 0 || tag >> 3 > int.MaxValue)
        {
            throw new ProtobufFormatException($"Invalid field number {tag >> 3}", start);
        }

        return (field, (int)(tag & 7));
    }

    /// <summary>Reads a length prefix and returns a reader limited to the delimited bytes.</summary>
    public ProtobufReader ReadDelimited()
    {
        int start = Position;
        ulong length = ReadVarint();
        if (length > (ulong)(End - Position))
        {
            throw new ProtobufFormatException($"Length {length} runs past the end of the enclosing message ({End - Position} bytes left)", start);
        }

        if (_depth >= MaxDepth)
        {
            throw new ProtobufFormatException($"Messages are nested more than {MaxDepth} deep", start);
        }

        var sub = new ProtobufReader(_data, Position, Position + (int)length, _depth + 1);
        Position += (int)length;
        return sub;
    }

    public byte[] ReadBytes()
    {
        ProtobufReader sub = ReadDelimited();
        return _data[sub.Position..sub.End];
    }

    public string ReadString()
    {
        ProtobufReader sub = ReadDelimited();
        try
        {
            return new UTF8Encoding(false, true).GetString(_data, sub.Position, sub.End - sub.Position);
        }
        catch (DecoderFallbackException e)
        {
            throw new ProtobufFormatException($"Invalid UTF-8 in string: {e.Message}", sub.Position);
        }
    }

    public ulong ReadFixed64()
    {
        if (End - Position < 8)
        {
            throw new ProtobufFormatException("Truncated fixed64", Position);
        }

        ulong value = BinaryPrimitives.ReadUInt64LittleEndian(_data.AsSpan(Position, 8));
        Position += 8;
        return value;
    }

    public uint ReadFixed32()
    {
        if (End - Position < 4)
        {
            throw new ProtobufFormatException("Truncated fixed32", Position);
        }

        uint value = BinaryPrimitives.ReadUInt32LittleEndian(_data.AsSpan(Position, 4));
        Position += 4;
        return value;
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0:
                ReadVarint();
                break;
            case 1:
                ReadFixed64();
                break;
            case 2:
                ReadDelimited();
                break;
            case 5:
                ReadFixed32();
                break;
            default:
                throw new ProtobufFormatException($"Unsupported wire type {wireType}", Position);
        }
    }
}
