using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Registry.ApiExtensions;

/// <summary>
/// Serves the resources of the stored CustomResourceDefinitions: at start the stored ones, then every change as it is
/// written (the store publishes under its lock, so a definition is served before its create is answered, and a custom
/// resource in the same <c>kubectl apply</c> finds it). It lives as long as the store it follows.
/// </summary>
internal sealed class CustomResourceSync
{
    private readonly RegistryStore _store;
    private readonly Dictionary<string, JsonObject> _definitions = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    private CustomResourceSync(RegistryStore store)
    {
        _store = store;
        var list = store.List(CustomResourceDefinitionStrategy.Resource, null);
        foreach (var crd in list.Items)
        {
            _definitions[crd.MetaString("name")] = crd;
        }

        Publish();
        store.Subscribe(list.ResourceVersion, OnChange);
    }

    /// <summary>Starts serving the stored definitions of <paramref name="store"/> and follows their changes.</summary>
    public static CustomResourceSync Start(RegistryStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new CustomResourceSync(store);
    }

    private void OnChange(StoreEvent change)
    {
        if (change.Resource != CustomResourceDefinitionStrategy.Resource)
        {
            return;
        }

        lock (_lock)
        {
            var name = change.Object.MetaString("name");
            if (change.Type == "DELETED")
            {
                _definitions.Remove(name);
            }
            else
            {
                _definitions[name] = change.Object;
            }

            Publish();
        }
    }

    private void Publish()
    {
        var entries = _definitions.Values.OrderBy(d => d.MetaString("name"), StringComparer.Ordinal).SelectMany(CustomResourceEntries.From).ToList();
        _store.ServeCustomResources(entries);
    }
}
