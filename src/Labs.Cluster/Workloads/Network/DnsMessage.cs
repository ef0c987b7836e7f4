using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Labs.Cluster.Workloads.Network;

/// <summary>
/// The few parts of DNS (RFC 1035) a cluster's resolver needs: one question read from a query, and an authoritative
/// answer built for it (A records, NODATA, NXDOMAIN, or FORMERR/NOTIMP for what is not a plain query).
/// </summary>
internal static class DnsMessage
{
    public const ushort TypeA = 1;
    public const ushort TypeAaaa = 28;
    private const ushort ClassIn = 1;
    private const int HeaderSize = 12;
    private const byte NoError = 0, FormatError = 1, NameError = 3, NotImplemented = 4;

    /// <summary>The question of a query: its name (lower case, without the final dot) and type; null when it is not one.</summary>
    public static (string Name, ushort Type, int End)? Question(ReadOnlySpan<byte> query)
    {
        if (query.Length < HeaderSize || (query[2] & 0x80) != 0 || BinaryPrimitives.ReadUInt16BigEndian(query[4..]) != 1)
        {
            return null;
        }

        var name = new StringBuilder();
        var at = HeaderSize;
        while (true)
        {
            if (at >= query.Length)
            {
                return null;
            }

            int length = query[at++];
            if (length == 0)
            {
                break;
            }

            // A pointer or an over-long label has no place in a question; 255 octets at most in all (RFC 1035 2.3.4).
            if (length > 63 || at + length > query.Length || name.Length + length > 253)
            {
                return null;
            }

            if (name.Length > 0)
            {
                name.Append('.');
            }

            name.Append(Encoding.ASCII.GetString(query.Slice(at, length)).ToLowerInvariant());
            at += length;
        }

        if (at + 4 > query.Length)
        {
            return null;
        }

        return (name.ToString(), BinaryPrimitives.ReadUInt16BigEndian(query[at..]), at + 4);
    }

    /// <summary>
    /// The answer to <paramref name="query"/>: <paramref name="addresses"/> as A records (null: no such name,
    /// NXDOMAIN; empty: the name exists without records of the type asked, NODATA), each valid for
    /// <paramref name="ttlSeconds"/>.
    /// </summary>
    public static byte[] Answer(ReadOnlySpan<byte> query, IReadOnlyList<IPAddress>? addresses, uint ttlSeconds)
    {
        if (Question(query) is not { } question)
        {
            return Error(query, query.Length >= HeaderSize && (query[2] & 0x78) != 0 ? NotImplemented : FormatError);
        }

        var records = question.Type == TypeA ? addresses?.Where(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork).ToList() ?? [] : [];
        var answer = new byte[question.End + records.Count * 16];
        query[..question.End].CopyTo(answer);
        Flags(answer, query, addresses is null ? NameError : NoError);
        BinaryPrimitives.WriteUInt16BigEndian(answer.AsSpan(6), (ushort)records.Count);
        BinaryPrimitives.WriteUInt32BigEndian(answer.AsSpan(8), 0); // No authority or additional records.
        var at = question.End;
        foreach (var address in records)
        {
            var record = answer.AsSpan(at, 16);
            BinaryPrimitives.WriteUInt16BigEndian(record, 0xC000 | HeaderSize); // The name: a pointer to the question's.
            BinaryPrimitives.WriteUInt16BigEndian(record[2..], TypeA);
            BinaryPrimitives.WriteUInt16BigEndian(record[4..], ClassIn);
            BinaryPrimitives.WriteUInt32BigEndian(record[6..], ttlSeconds);
            BinaryPrimitives.WriteUInt16BigEndian(record[10..], 4);
            address.TryWriteBytes(record[12..], out _);
            at += 16;
        }

        return answer;
    }

    private static byte[] Error(ReadOnlySpan<byte> query, byte code)
    {
        if (query.Length < HeaderSize)
        {
            return [];
        }

        var answer = new byte[HeaderSize];
        query[..2].CopyTo(answer);
        Flags(answer, query, code);
        return answer;
    }

    // QR and AA set, the opcode and RD as asked, no recursion available, and the response code.
    private static void Flags(Span<byte> answer, ReadOnlySpan<byte> query, byte code)
    {
        answer[2] = (byte)(0x80 | (query[2] & 0x78) | 0x04 | (query[2] & 0x01));
        answer[3] = code;
        if (code is FormatError or NotImplemented)
        {
            answer[4..HeaderSize].Clear();
        }
    }
}
