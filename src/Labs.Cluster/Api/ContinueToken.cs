using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Api;

/// <summary>
/// A LIST continue token as the storage layer writes it (storage.EncodeContinue): unpadded base64url of
/// <c>{"v":"meta.k8s.io/v1","rv":N,"start":"KEY"}</c>, where KEY follows the last key returned, relative to the listed
/// prefix (<c>name</c> in a namespace, <c>namespace/name</c> across namespaces).
/// </summary>
/// <param name="ResourceVersion">The resourceVersion the first page was listed at.</param>
/// <param name="Start">The first key the next page may hold.</param>
internal sealed record ContinueToken(long ResourceVersion, string Start)
{
    /// <summary>The token text.</summary>
    public string Encode()
    {
        var json = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = ResourceVersion, ["start"] = Start }.ToJsonString();
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The key of an object in a listing: its name in a namespace, else namespace/name.</summary>
    public static string KeyOf(JsonObject obj, bool acrossNamespaces) =>
        acrossNamespaces && obj.MetaString("namespace") is { Length: > 0 } ns ? $"{ns}/{obj.MetaString("name")}" : obj.MetaString("name");

    /// <summary>The token for the page after the object with key <paramref name="lastKey"/>.</summary>
    public static ContinueToken After(long resourceVersion, string lastKey) => new(resourceVersion, lastKey + "\u0000");

    /// <summary>Reads a token already checked by <see cref="ListQuery"/>.</summary>
    public static ContinueToken Decode(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var padded = token.Replace('-', '+').Replace('_', '/');
        var json = JsonNode.Parse(Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4)))!;
        return new ContinueToken(
            long.Parse(json["rv"]!.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
            (string?)json["start"] ?? string.Empty);
    }
}
