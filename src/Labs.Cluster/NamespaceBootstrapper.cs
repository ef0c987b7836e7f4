using System.Text.Json.Nodes;
using System.Threading.Channels;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;
using Microsoft.Extensions.Logging;

namespace Labs.Cluster;

/// <summary>
/// What the real control plane puts in every namespace: the <c>default</c> ServiceAccount and the
/// <c>kube-root-ca.crt</c> ConfigMap. Runs off the writer's thread, as the real controllers do.
/// </summary>
internal sealed class NamespaceBootstrapper : IAsyncDisposable
{
    private static readonly GroupResource Namespaces = new(string.Empty, "namespaces");
    private static readonly GroupResource ServiceAccounts = new(string.Empty, "serviceaccounts");
    private static readonly GroupResource ConfigMaps = new(string.Empty, "configmaps");

    private readonly IObjectStore _store;
    private readonly string _caPem;
    private readonly ILogger _logger;
    private readonly Channel<string> _pending = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IDisposable _subscription;
    private readonly Task _loop;

    public NamespaceBootstrapper(IObjectStore store, string caPem, ILogger logger)
    {
        _store = store;
        _caPem = caPem;
        _logger = logger;
        _subscription = store.Subscribe(0, e =>
        {
            if (e.Type == "ADDED" && e.Resource == Namespaces)
            {
                _pending.Writer.TryWrite(e.Object.MetaString("name"));
            }
        });
        foreach (var ns in store.List(Namespaces, null).Items)
        {
            _pending.Writer.TryWrite(ns.MetaString("name"));
        }

        _loop = Task.Run(RunAsync);
    }

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        _pending.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        await foreach (var ns in _pending.Reader.ReadAllAsync())
        {
            TryCreate(ServiceAccounts, ns, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ServiceAccount",
                ["metadata"] = new JsonObject { ["name"] = "default", ["namespace"] = ns },
            });
            TryCreate(ConfigMaps, ns, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ConfigMap",
                ["metadata"] = new JsonObject { ["name"] = "kube-root-ca.crt", ["namespace"] = ns },
                ["data"] = new JsonObject { ["ca.crt"] = _caPem },
            });
        }
    }

    private void TryCreate(GroupResource resource, string ns, JsonObject obj)
    {
        try
        {
            if (_store.Get(resource, ns, obj.MetaString("name")) is null)
            {
                _store.Create(resource, ns, obj);
            }
        }
        catch (ApiException e)
        {
            // The namespace may be gone or terminating already, or a client created the object first.
            _logger.LogDebug("Namespace bootstrap of {Resource} in {Namespace} skipped: {Message}", resource, ns, e.Message);
        }
    }
}
