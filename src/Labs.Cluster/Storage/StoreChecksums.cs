using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace Labs.Cluster.Storage;

/// <summary>
/// CRC-32 of every journal row over all its columns: SQLite finds a broken page structure, but a flipped bit inside
/// a row (a name, a digit of a quantity) reads as a valid but different object; the checksum finds that too.
/// </summary>
internal static class StoreChecksums
{
    public static uint OfObject(GroupResource resource, string ns, string name, ReadOnlySpan<byte> json) =>
        Of(json, resource.Group, resource.Resource, ns, name);

    public static uint OfChange(long rv, string type, GroupResource resource, string ns, string name, ReadOnlySpan<byte> json) =>
        Of(json, rv.ToString(CultureInfo.InvariantCulture), type, resource.Group, resource.Resource, ns, name);

    private static uint Of(ReadOnlySpan<byte> json, params ReadOnlySpan<string> columns)
    {
        var crc = new Crc32();
        foreach (var column in columns)
        {
            crc.Append(Encoding.UTF8.GetBytes(column));
            crc.Append([0]);
        }

        crc.Append(json);
        return crc.GetCurrentHashAsUInt32();
    }
}
