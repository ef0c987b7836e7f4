using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Labs.Cluster.Workloads.Network;

/// <summary>One answer of a simulated HTTP server: status, content type, body and extra headers (texts are templates).</summary>
internal sealed record ServerPage(int Status, string? Type, string Body, string? Location, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// What a simulated server (a catalog image's, see <c>images.json</c>) answers on a port: nothing but an accepted
/// connection (<see cref="Tcp"/>), or HTTP/1.1 pages, with the image's Server header, start-up lines and access log.
/// </summary>
internal sealed partial record ServerProfile(
    string Name, bool Http, string Version, string? Server, string? Log, IReadOnlyList<string> Start,
    FrozenDictionary<string, ServerPage> Pages, ServerPage? Missing)
{
    /// <summary>A port that accepts connections and says nothing (a database's, a cache's).</summary>
    public static ServerProfile Tcp { get; } = new("tcp", false, "", null, null, [], FrozenDictionary<string, ServerPage>.Empty, null);

    /// <summary>The page for a path: its own, else the one for every path (<c>*</c>), else the "missing" one.</summary>
    public ServerPage? PageFor(string path) =>
        Pages.TryGetValue(path, out var page) || Pages.TryGetValue("*", out page) ? page : Missing;

    /// <summary>The version an image of this server runs: its tag when the tag is a version of two or three numbers (<c>1.25</c> → 1.25.0, the catalog's own release line → its release), else the catalog's.</summary>
    public string VersionFor(string? tag)
    {
        if (tag is null || VersionTag().Match(tag) is not { Success: true } m)
        {
            return Version;
        }

        // A tag of the catalog's release line (1.27 for 1.27.5) runs that release; another is taken as its .0.
        var given = m.Groups[1].Value;
        return Version.StartsWith(given + ".", StringComparison.Ordinal) ? Version : string.Join('.', given.Split('.').Concat(["0", "0"]).Take(3));
    }

    /// <summary>Replaces the placeholders of a text: {version}, {server}, {hostname}, {ip}, {remote}, {request}, {time:FORMAT}.</summary>
    public static string Render(string text, IReadOnlyDictionary<string, string> values, DateTimeOffset now) =>
        Placeholder().Replace(text, m =>
            m.Groups[1].Value == "time" && m.Groups[2].Success ? now.ToString(m.Groups[2].Value, CultureInfo.InvariantCulture)
            : values.TryGetValue(m.Groups[1].Value, out var value) ? value
            : m.Value);

    /// <summary>Reads the catalog's <c>servers</c> object; a broken entry is an error naming it.</summary>
    public static Dictionary<string, ServerProfile> ParseAll(JsonObject? servers)
    {
        var result = new Dictionary<string, ServerProfile>(StringComparer.Ordinal) { ["tcp"] = Tcp };
        foreach (var (name, node) in servers ?? [])
        {
            var entry = node as JsonObject ?? throw new InvalidDataException($"server {name}: not an object");
            var pages = entry["pages"] as JsonObject ?? throw new InvalidDataException($"server {name}: no \"pages\" object");
            var parsed = new Dictionary<string, ServerPage>(StringComparer.Ordinal);
            foreach (var (path, page) in pages)
            {
                if (page is JsonObject answer)
                {
                    parsed[path] = Page(name, path, answer);
                }
            }

            foreach (var (path, page) in pages)
            {
                if (page is not JsonObject)
                {
                    var target = page is JsonValue v && v.TryGetValue<string>(out var other) ? other : null;
                    parsed[path] = target is not null && parsed.TryGetValue(target, out var same)
                        ? same
                        : throw new InvalidDataException($"server {name}: page {path} is neither an answer nor the path of one");
                }
            }

            result[name] = new ServerProfile(
                name,
                Http: true,
                Version: Text(entry, "version") ?? throw new InvalidDataException($"server {name}: no \"version\""),
                Server: Text(entry, "server"),
                Log: Text(entry, "log") is { } log && log is "combined" or "common" or "hello-app"
                    ? log
                    : entry["log"] is null ? null : throw new InvalidDataException($"server {name}: \"log\" is not combined, common or hello-app"),
                Start: entry["start"] is JsonArray start ? [.. start.Select(l => (string?)l ?? throw new InvalidDataException($"server {name}: a \"start\" line is not a string"))] : [],
                Pages: parsed.ToFrozenDictionary(StringComparer.Ordinal),
                Missing: entry["missing"] is JsonObject missing ? Page(name, "missing", missing) : null);
        }

        return result;
    }

    /// <summary>The reason phrase HTTP/1.1 gives a status.</summary>
    public static string Reason(int status) => status switch
    {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Not Allowed",
        411 => "Length Required",
        413 => "Request Entity Too Large",
        431 => "Request Header Fields Too Large",
        _ => "Status",
    };

    private static ServerPage Page(string server, string path, JsonObject answer)
    {
        var status = answer["status"] is JsonValue s && s.TryGetValue<int>(out var code) ? code : answer["status"] is null ? 200
            : throw new InvalidDataException($"server {server}: page {path}: \"status\" is not a number");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (header, value) in answer["headers"] as JsonObject ?? [])
        {
            headers[header] = (string?)value ?? throw new InvalidDataException($"server {server}: page {path}: header {header} is not a string");
        }

        return new ServerPage(status, Text(answer, "type"), Text(answer, "body") ?? "", Text(answer, "location"), headers);
    }

    private static string? Text(JsonObject entry, string field) =>
        entry[field] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    [GeneratedRegex(@"^v?([0-9]+\.[0-9]+(?:\.[0-9]+)?)(?:-.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionTag();

    [GeneratedRegex(@"\{(version|server|hostname|ip|remote|request|time)(?::([^}]+))?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
