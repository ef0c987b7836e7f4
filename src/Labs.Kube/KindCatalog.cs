using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Autorest;

namespace Labs.Kube;

/// <summary>
/// Maps an <c>apiVersion</c> and <c>kind</c> to the REST resource that holds it, from the API server's discovery
/// (<c>/api/v1</c>, <c>/apis/GROUP/VERSION</c>), cached per group-version. A kind missing from the cache is looked
/// up once more before it is reported unknown, so kinds added later (a new CRD) are found, as kubectl does.
/// Thread-safe; share one per client.
/// </summary>
public sealed class KindCatalog
{
    private readonly IKubernetes _kube;
    private readonly ConcurrentDictionary<string, Task<IReadOnlyList<KubeResource>>> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates a catalog that reads discovery through <paramref name="kube"/>.</summary>
    public KindCatalog(IKubernetes kube)
    {
        ArgumentNullException.ThrowIfNull(kube);
        _kube = kube;
    }

    /// <summary>The resource of <paramref name="kind"/> in <paramref name="apiVersion"/> (<c>v1</c>, <c>apps/v1</c>).</summary>
    /// <exception cref="ArgumentException">The apiVersion is not <c>VERSION</c> or <c>GROUP/VERSION</c>.</exception>
    /// <exception cref="UnknownKindException">The cluster does not serve the kind there.</exception>
    /// <exception cref="HttpOperationException">Discovery failed for another reason (forbidden, server error).</exception>
    public async Task<KubeResource> ResolveAsync(string apiVersion, string kind, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        var (group, version) = Split(apiVersion);
        var resources = await ReadAsync(apiVersion, group, version, refresh: false, cancellationToken);
        var found = Find(resources, kind);
        if (found is null)
        {
            resources = await ReadAsync(apiVersion, group, version, refresh: true, cancellationToken);
            found = Find(resources, kind);
        }

        return found ?? throw new UnknownKindException(apiVersion, kind, [.. resources.Select(r => r.Kind).Distinct()]);
    }

    /// <summary>Splits <c>apps/v1</c> into group and version (<c>v1</c> is the core group, whose name is empty).</summary>
    /// <exception cref="ArgumentException">Not <c>VERSION</c> or <c>GROUP/VERSION</c>.</exception>
    public static (string Group, string Version) Split(string apiVersion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiVersion);
        var parts = apiVersion.Split('/');
        return parts switch
        {
            [var version] when version.Length > 0 => ("", version),
            [var group, var version] when group.Length > 0 && version.Length > 0 => (group, version),
            _ => throw new ArgumentException($"apiVersion '{apiVersion}' is not VERSION or GROUP/VERSION (e.g. v1, apps/v1).", nameof(apiVersion)),
        };
    }

    private static KubeResource? Find(IReadOnlyList<KubeResource> resources, string kind) =>
        resources.FirstOrDefault(r => string.Equals(r.Kind, kind, StringComparison.Ordinal));

    private async Task<IReadOnlyList<KubeResource>> ReadAsync(string apiVersion, string group, string version, bool refresh, CancellationToken cancellationToken)
    {
        var read = refresh
            ? _cache.AddOrUpdate(apiVersion, _ => DiscoverAsync(group, version), (_, _) => DiscoverAsync(group, version))
            : _cache.GetOrAdd(apiVersion, _ => DiscoverAsync(group, version));
        try
        {
            // The shared read is not cancelled with one caller; each caller stops waiting on its own token.
            return await read.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed read is not remembered: the next caller asks the server again.
            _cache.TryRemove(new KeyValuePair<string, Task<IReadOnlyList<KubeResource>>>(apiVersion, read));
            throw;
        }
    }

    private async Task<IReadOnlyList<KubeResource>> DiscoverAsync(string group, string version)
    {
        try
        {
            // The client's custom-objects discovery call serves any group-version, the core group included (/api/v1).
            var list = await _kube.CustomObjects.GetAPIResourcesAsync(group, version, CancellationToken.None);
            return [.. (list.Resources ?? [])
                .Where(r => !r.Name.Contains('/', StringComparison.Ordinal))
                .Select(r => new KubeResource(group, version, r.Name, r.Kind, r.Namespaced))];
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }
    }
}
