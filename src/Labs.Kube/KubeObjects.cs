using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;

namespace Labs.Kube;

/// <summary>
/// Objects of kinds the platform learns from lab files (setup manifests, checks), as JSON: the kind's resource comes
/// from discovery (<see cref="KindCatalog"/>), the calls are KubernetesClient's generic (custom-objects) operations,
/// which address any group, the core group included.
/// </summary>
public sealed partial class KubeObjects
{
    private readonly IKubernetes _kube;

    /// <summary>Creates the generic client over <paramref name="kube"/>, resolving kinds with <paramref name="kinds"/>.</summary>
    public KubeObjects(IKubernetes kube, KindCatalog kinds)
    {
        ArgumentNullException.ThrowIfNull(kube);
        ArgumentNullException.ThrowIfNull(kinds);
        _kube = kube;
        Kinds = kinds;
    }

    /// <summary>The catalog that maps kinds to resources.</summary>
    public KindCatalog Kinds { get; }

    /// <summary>
    /// Reads one object; <paramref name="ns"/> is ignored for cluster-scoped kinds. Null when the server answers 404.
    /// </summary>
    /// <exception cref="UnknownKindException">The cluster does not serve the kind.</exception>
    /// <exception cref="HttpOperationException">The server refused the read.</exception>
    public async Task<JsonObject?> GetAsync(string apiVersion, string kind, string ns, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var resource = await Kinds.ResolveAsync(apiVersion, kind, cancellationToken);
        try
        {
            return resource.Namespaced
                ? await _kube.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(resource.Group, resource.Version, ns, resource.Plural, name, cancellationToken)
                : await _kube.CustomObjects.GetClusterCustomObjectAsync<JsonObject>(resource.Group, resource.Version, resource.Plural, name, cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Creates <paramref name="manifest"/> (which names its apiVersion and kind) in namespace <paramref name="ns"/> and
    /// returns the object as the server stored it. The manifest is not changed.
    /// </summary>
    /// <exception cref="UnknownKindException">The cluster does not serve the kind.</exception>
    /// <exception cref="ArgumentException">The manifest has no apiVersion or kind, or its kind is cluster-scoped.</exception>
    /// <exception cref="HttpOperationException">The server refused the object.</exception>
    public async Task<JsonObject> CreateNamespacedAsync(JsonObject manifest, string ns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentException.ThrowIfNullOrEmpty(ns);
        var resource = await ResolveAsync(manifest, cancellationToken);
        if (!resource.Namespaced)
        {
            throw new ArgumentException($"{resource.Kind} is cluster-scoped; it cannot be created in namespace {ns}.", nameof(manifest));
        }

        var body = manifest.DeepClone().AsObject();
        if (body["metadata"] is JsonObject metadata)
        {
            metadata["namespace"] = ns;
        }

        return await _kube.CustomObjects.CreateNamespacedCustomObjectAsync<JsonObject>(
            body, resource.Group, resource.Version, ns, resource.Plural, fieldManager: KubeClients.FieldManager, cancellationToken: cancellationToken);
    }

    /// <summary>The resource of the manifest's apiVersion and kind.</summary>
    /// <exception cref="ArgumentException">The manifest has no apiVersion or kind.</exception>
    /// <exception cref="UnknownKindException">The cluster does not serve the kind.</exception>
    public Task<KubeResource> ResolveAsync(JsonObject manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var apiVersion = Text(manifest, "apiVersion");
        var kind = Text(manifest, "kind");
        return Kinds.ResolveAsync(apiVersion, kind, cancellationToken);
    }

    private static string Text(JsonObject manifest, string field) =>
        manifest[field] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw new ArgumentException($"The manifest has no '{field}'.", nameof(manifest));
}
