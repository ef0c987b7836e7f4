using System.Text.RegularExpressions;

namespace Labs.Cluster.Workloads.Images;

/// <summary>
/// A container image reference as the kubelet and containerd read it (the distribution/reference grammar): a short
/// name like <c>nginx</c> is <c>docker.io/library/nginx:latest</c>; a reference that does not parse is an error with
/// the words of that grammar.
/// </summary>
internal sealed partial record ImageName(string Registry, string Repository, string? Tag, string? Digest)
{
    /// <summary>The reference the runtime pulls: <c>docker.io/library/nginx:latest</c>, or with <c>@digest</c>.</summary>
    public string Full => Digest is not null ? $"{Registry}/{Repository}@{Digest}" : $"{Registry}/{Repository}:{Tag ?? "latest"}";

    /// <summary>The repository with its registry: <c>docker.io/library/nginx</c>.</summary>
    public string Qualified => $"{Registry}/{Repository}";

    /// <summary>The tag the reference means: <c>latest</c> when it names none (and no digest).</summary>
    public string EffectiveTag => Tag ?? "latest";

    /// <summary>Parses a reference; the error is distribution/reference's ("invalid reference format", ...), or null.</summary>
    public static ImageName? Parse(string image, out string? error)
    {
        error = null;
        var match = Reference().Match(image);
        if (!match.Success)
        {
            // A name that would parse in lower case is refused for its case, as ParseNormalizedNamed does.
            error = Reference().IsMatch(image.ToLowerInvariant())
                ? $"invalid reference format: repository name ({RemoteOf(image)}) must be lowercase"
                : "invalid reference format";
            return null;
        }

        var (registry, repository) = Split(match.Groups["name"].Value);
        var tag = match.Groups["tag"].Success ? match.Groups["tag"].Value : null;
        var digest = match.Groups["digest"].Success ? match.Groups["digest"].Value : null;
        return new ImageName(registry, repository, tag, digest);
    }

    // The repository part of a reference whatever its case, for the lowercase error: "Nginx" → "library/Nginx".
    private static string RemoteOf(string image)
    {
        var name = image;
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            name = name[..at];
        }

        var lastSlash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        if (colon > lastSlash)
        {
            name = name[..colon];
        }

        return Split(name).Repository;
    }

    // splitDockerDomain: a first component with a dot or a port, or "localhost", is a registry; else docker.io.
    private static (string Registry, string Repository) Split(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            var first = name[..slash];
            if (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost" ||
                first.Any(char.IsUpper))
            {
                var registry = first == "index.docker.io" ? "docker.io" : first;
                var rest = name[(slash + 1)..];
                return (registry, registry == "docker.io" && !rest.Contains('/', StringComparison.Ordinal) ? "library/" + rest : rest);
            }
        }

        return ("docker.io", slash < 0 ? "library/" + name : name);
    }

    // distribution/reference's ReferenceRegexp: [domain/]path-components[:tag][@digest], lower-case paths.
    [GeneratedRegex(
        @"^(?<name>(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?/)?" +
        @"[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*)" +
        @"(?::(?<tag>[\w][\w.-]{0,127}))?(?:@(?<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
