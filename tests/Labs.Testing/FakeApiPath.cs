using Labs.Kube;

namespace Labs.Testing;

/// <summary>A request path of the fake API, parsed: discovery of a group-version, or a collection, object or subresource.</summary>
internal sealed record FakeApiPath(string Group, string Version, KubeResource? Resource, string? Namespace, string? Name, string? Subresource)
{
    public bool IsDiscovery => Resource is null;

    /// <summary>Parses <c>/api/v1[/namespaces/NS]/PLURAL[/NAME[/SUB]]</c> and <c>/apis/G/V/...</c>; null for anything else.</summary>
    public static FakeApiPath? Parse(string path, IReadOnlyList<KubeResource> served)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        string group, version;
        int rest;
        if (segments is ["api", var coreVersion, ..])
        {
            (group, version, rest) = ("", coreVersion, 2);
        }
        else if (segments is ["apis", var g, var v, ..])
        {
            (group, version, rest) = (g, v, 3);
        }
        else
        {
            return null;
        }

        var tail = segments[rest..];
        if (tail.Length == 0)
        {
            return new FakeApiPath(group, version, null, null, null, null);
        }

        string? ns = null;
        if (tail is ["namespaces", var space, var plural, ..] && Find(served, group, version, plural) is { Namespaced: true })
        {
            ns = space;
            tail = tail[2..];
        }

        var resource = Find(served, group, version, tail[0]);
        return resource is null || tail.Length > 3
            ? null
            : new FakeApiPath(group, version, resource, ns, tail.Length > 1 ? tail[1] : null, tail.Length > 2 ? tail[2] : null);
    }

    private static KubeResource? Find(IReadOnlyList<KubeResource> served, string group, string version, string plural) =>
        served.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);
}
