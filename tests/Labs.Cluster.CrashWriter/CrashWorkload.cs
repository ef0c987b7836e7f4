using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.CrashWriter;

/// <summary>
/// What the crash writer writes, so that the test can tell exactly what each acknowledged write left: every key goes
/// through create, update, delete, create... (its write number <c>seq</c> says which), and every object's content
/// follows from its key and seq (a padding of varying length and a checksum of it all).
/// </summary>
public static class CrashWorkload
{
    /// <summary>The namespace all objects are written in.</summary>
    public const string Namespace = "crash";

    /// <summary>Keys each writer thread takes turns on.</summary>
    public const int KeysPerWriter = 3;

    /// <summary>Where the objects are stored.</summary>
    public static readonly GroupResource ConfigMaps = new("", "configmaps");

    /// <summary>The namespaces, where <see cref="Namespace"/> is created.</summary>
    public static readonly GroupResource Namespaces = new("", "namespaces");

    /// <summary>The name of a writer's key in one run.</summary>
    public static string Key(int run, int writer, int slot) =>
        string.Create(CultureInfo.InvariantCulture, $"r{run}-w{writer}-k{slot}");

    /// <summary>What write number <paramref name="seq"/> of a key does: 0 create, 1 update, 2 delete, then again.</summary>
    public static string Operation(long seq) => (seq % 3) switch { 0 => "create", 1 => "update", _ => "delete" };

    /// <summary>Whether the key's object exists once write <paramref name="seq"/> is done.</summary>
    public static bool ExistsAfter(long seq) => seq % 3 != 2;

    /// <summary>The object write <paramref name="seq"/> of <paramref name="key"/> stores (without what the store adds).</summary>
    public static JsonObject Write(string key, long seq) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = key },
        ["data"] = Data(key, seq),
    };

    /// <summary>The <c>data</c> of that object.</summary>
    public static JsonObject Data(string key, long seq)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{key}/{seq}");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        var padding = new string((char)('a' + (hash[0] % 26)), 50 + (BitConverter.ToUInt16(hash, 1) % 4000));
        return new JsonObject
        {
            ["seq"] = seq.ToString(CultureInfo.InvariantCulture),
            ["padding"] = padding,
            ["sum"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text + "/" + padding)))[..16],
        };
    }

    /// <summary>The line printed once a write is acknowledged; it ends with " ." so that a line cut by the kill is told apart.</summary>
    public static string AckLine(string key, long seq, long resourceVersion) =>
        string.Create(CultureInfo.InvariantCulture, $"ack {key} {seq} {resourceVersion} .");

    /// <summary>The resourceVersion the store gave an object.</summary>
    public static long ResourceVersion(JsonObject obj) =>
        long.Parse((string?)obj?["metadata"]?["resourceVersion"] ?? "", CultureInfo.InvariantCulture);

    /// <summary>Reads an acknowledgement line; null for anything else, a cut line included.</summary>
    public static (string Key, long Seq, long ResourceVersion)? ParseAck(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parts = line.Split(' ');
        return parts is ["ack", var key, var seq, var rv, "."]
            ? (key, long.Parse(seq, CultureInfo.InvariantCulture), long.Parse(rv, CultureInfo.InvariantCulture))
            : null;
    }
}
