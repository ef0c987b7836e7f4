using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Labs.Cluster.Workloads.Network;

namespace Labs.Cluster.Workloads.Images;

/// <summary>
/// The images the simulated registries hold (<c>images.json</c>, shipped in the assembly): what a pull of a reference
/// finds, and when it finds nothing, the error containerd reports for it; and what a server image answers on its ports.
/// </summary>
internal sealed class ImageCatalog
{
    private readonly FrozenSet<string> _registries;
    private readonly FrozenDictionary<string, Image> _images;

    private sealed record Image(Regex Tags, long Size, IReadOnlyList<string>? Cmd, FrozenDictionary<int, ServerProfile> Serves);

    private ImageCatalog(FrozenSet<string> registries, FrozenDictionary<string, Image> images)
    {
        _registries = registries;
        _images = images;
    }

    /// <summary>The catalog shipped with the cluster.</summary>
    public static ImageCatalog Shipped { get; } = Load();

    /// <summary>How many repositories the catalog holds.</summary>
    public int Count => _images.Count;

    /// <summary>
    /// What pulling <paramref name="name"/> gives: the image's size, or the runtime's error (the text after
    /// <c>Failed to pull image "...": </c> in the kubelet's event).
    /// </summary>
    public (long Size, string? Error) Pull(ImageName name)
    {
        var full = name.Full;
        var resolve = $"rpc error: code = {{0}} desc = failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": ";
        if (!_registries.Contains(name.Registry))
        {
            var manifest = $"https://{name.Registry}/v2/{name.Repository}/manifests/{name.Digest ?? name.EffectiveTag}";
            var host = name.Registry.Split(':')[0];
            var dial = host is "localhost" or "127.0.0.1"
                ? $"dial tcp 127.0.0.1:{(name.Registry.Contains(':', StringComparison.Ordinal) ? name.Registry.Split(':')[1] : "443")}: connect: connection refused"
                : $"dial tcp: lookup {host}: no such host";
            return (0, string.Format(null, resolve, "Unknown") + $"failed to do request: Head \"{manifest}\": {dial}");
        }

        if (!_images.TryGetValue(name.Qualified, out var image))
        {
            // Docker Hub does not say whether a repository exists; the others answer 404.
            return name.Registry == "docker.io"
                ? (0, string.Format(null, resolve, "Unknown") +
                    "pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed")
                : (0, string.Format(null, resolve, "NotFound") + $"{full}: not found");
        }

        return name.Digest is null && !image.Tags.IsMatch(name.EffectiveTag)
            ? (0, string.Format(null, resolve, "NotFound") + $"{full}: not found")
            : (image.Size, null);
    }

    /// <summary>The image's default command (its CMD, for an image without ENTRYPOINT) when the catalog knows it.</summary>
    public IReadOnlyList<string>? DefaultCommand(ImageName name) => _images.TryGetValue(name.Qualified, out var image) ? image.Cmd : null;

    /// <summary>The servers a simulated container of the image runs (one per kind, whatever the ports).</summary>
    public IEnumerable<ServerProfile> ServersOf(ImageName name) =>
        _images.TryGetValue(name.Qualified, out var image) ? image.Serves.Values.Distinct() : [];

    /// <summary>The ports a simulated container of the image serves.</summary>
    public IEnumerable<int> PortsServed(ImageName name) =>
        _images.TryGetValue(name.Qualified, out var image) ? image.Serves.Keys : [];

    /// <summary>What a simulated container of the image answers on a port, or null when nothing listens there.</summary>
    public ServerProfile? Serves(ImageName name, int port) =>
        _images.TryGetValue(name.Qualified, out var image) && image.Serves.TryGetValue(port, out var server) ? server : null;

    private static ImageCatalog Load()
    {
        using var stream = typeof(ImageCatalog).Assembly.GetManifestResourceStream("Labs.Cluster.Workloads.Images.images.json")
            ?? throw new InvalidOperationException("the image catalog (Workloads/Images/images.json) is not embedded in Labs.Cluster");
        return Parse(stream);
    }

    /// <summary>Reads a catalog (JSON with comments); a broken one is an error naming what is wrong.</summary>
    internal static ImageCatalog Parse(Stream json)
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip };
        var root = JsonNode.Parse(json, documentOptions: options) as JsonObject
            ?? throw new InvalidDataException("the image catalog is not a JSON object");
        var registries = (root["registries"] as JsonArray ?? throw new InvalidDataException("the image catalog has no \"registries\" list"))
            .Select(r => (string?)r ?? throw new InvalidDataException("a registry of the image catalog is not a string"))
            .ToFrozenSet(StringComparer.Ordinal);
        var servers = ServerProfile.ParseAll(root["servers"] as JsonObject);
        var images = new Dictionary<string, Image>(StringComparer.Ordinal);
        foreach (var (repository, entry) in root["images"] as JsonObject ?? throw new InvalidDataException("the image catalog has no \"images\" object"))
        {
            var tags = (string?)entry?["tags"] ?? throw new InvalidDataException($"image {repository}: no \"tags\"");
            var size = entry!["size"] is JsonValue v && v.TryGetValue<long>(out var bytes) && bytes > 0
                ? bytes
                : throw new InvalidDataException($"image {repository}: \"size\" is not a positive number of bytes");
            if (!registries.Contains(repository.Split('/')[0]))
            {
                throw new InvalidDataException($"image {repository}: its registry is not in \"registries\"");
            }

            IReadOnlyList<string>? cmd = null;
            if (entry["cmd"] is { } given)
            {
                cmd = given is JsonArray { Count: > 0 } list && list.All(c => c is JsonValue text && text.TryGetValue<string>(out _))
                    ? [.. list.Select(c => (string)c!)]
                    : throw new InvalidDataException($"image {repository}: \"cmd\" is not a list of strings");
            }

            var serves = new Dictionary<int, ServerProfile>();
            foreach (var (port, server) in entry["serves"] as JsonObject ?? [])
            {
                serves[int.TryParse(port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number is > 0 and < 65536
                        ? number
                        : throw new InvalidDataException($"image {repository}: \"serves\" names port {port}, which is not a port number")]
                    = (string?)server is { } named && servers.TryGetValue(named, out var profile)
                        ? profile
                        : throw new InvalidDataException($"image {repository}: port {port} serves {server?.ToJsonString() ?? "null"}, which is not a server of the catalog");
            }

            try
            {
                images[repository] = new Image(new Regex("^(?:" + tags + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), size, cmd,
                    serves.ToFrozenDictionary());
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"image {repository}: \"tags\" is not a regular expression: {e.Message}", e);
            }
        }

        return new ImageCatalog(registries, images.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
