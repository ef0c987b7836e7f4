using System.Text.Json.Nodes;
using System.Threading.Channels;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;
using Microsoft.Extensions.Logging;

namespace Labs.Cluster.Registry.Policy;

/// <summary>
/// Keeps PodDisruptionBudgets' status as the disruption controller does (healthy, desired and expected pods, and the
/// disruptions allowed now), so <c>kubectl get pdb</c> shows what an eviction would be allowed. It follows pod and budget
/// changes per namespace, on a loop of its own (store subscribers may not write).
/// </summary>
internal sealed class DisruptionBudgetStatus : IAsyncDisposable
{
    private static readonly GroupResource Pods = new(string.Empty, "pods");
    private static readonly GroupResource Budgets = new("policy", "poddisruptionbudgets");

    private readonly RegistryStore _store;
    private readonly ILogger _logger;
    private readonly Channel<string> _namespaces = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IDisposable _subscription;
    private readonly Task _loop;

    private DisruptionBudgetStatus(RegistryStore store, ILogger logger)
    {
        _store = store;
        _logger = logger;
        foreach (var budget in store.List(Budgets, null).Items)
        {
            _namespaces.Writer.TryWrite(budget.MetaString("namespace"));
        }

        _subscription = store.Subscribe(store.CurrentResourceVersion, change =>
        {
            if (change.Resource == Pods || (change.Resource == Budgets && change.Type != "DELETED"))
            {
                _namespaces.Writer.TryWrite(change.Object.MetaString("namespace"));
            }
        });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Starts keeping the budgets of <paramref name="store"/> up to date.</summary>
    public static DisruptionBudgetStatus Start(RegistryStore store, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(logger);
        return new DisruptionBudgetStatus(store, logger);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        _namespaces.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        await foreach (var ns in _namespaces.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            // A burst of pod changes in one namespace is one recount.
            var pending = new HashSet<string>(StringComparer.Ordinal) { ns };
            while (_namespaces.Reader.TryRead(out var more))
            {
                pending.Add(more);
            }

            foreach (var name in pending.Where(n => n.Length > 0))
            {
                try
                {
                    Refresh(name);
                }
#pragma warning disable CA1031 // One namespace's failure must not stop the others; its next change retries it.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    _logger.LogWarning(e, "Updating the disruption budgets of namespace {Namespace} failed", name);
                }
            }
        }
    }

    private void Refresh(string ns)
    {
        foreach (var budget in _store.List(Budgets, ns).Items)
        {
            var status = PodEviction.Status(_store, budget);
            if (budget["status"]?["disruptedPods"] is JsonObject disrupted && disrupted.Count > 0)
            {
                // A pod evicted moments ago still counts until it is gone, as the controller's disruptedPods map says.
                var gone = disrupted.Where(d => _store.Get(Pods, ns, d.Key) is null).Select(d => d.Key).ToList();
                foreach (var name in gone)
                {
                    disrupted.Remove(name);
                }

                status["disruptionsAllowed"] = Math.Max(0, (int)status["disruptionsAllowed"]! - disrupted.Count);
                if (disrupted.Count > 0)
                {
                    status["disruptedPods"] = disrupted.DeepClone();
                }
            }

            var current = budget["status"] as JsonObject;
            if (JsonNode.DeepEquals(current, status))
            {
                continue;
            }

            var updated = budget.DeepClone().AsObject();
            updated["status"] = status;
            try
            {
                _store.UpdateStatus(Budgets, ns, updated);
            }
            catch (ApiException e) when (e.Reason is "Conflict" or "NotFound")
            {
                // Changed or deleted meanwhile: that change queued another recount.
            }
        }
    }
}
