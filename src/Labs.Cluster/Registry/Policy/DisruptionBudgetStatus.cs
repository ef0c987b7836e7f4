using System.Text.Json.Nodes;
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
    private readonly StoreFollower<string> _follower;

    private DisruptionBudgetStatus(RegistryStore store, ILogger logger)
    {
        _store = store;
        _follower = new StoreFollower<string>(store,
            change => change.Resource == Pods || (change.Resource == Budgets && change.Type != "DELETED") ? [change.Object.MetaString("namespace")] : [],
            Refresh, logger, "updating disruption budgets", store.List(Budgets, null).Items.Select(b => b.MetaString("namespace")));
    }

    /// <summary>Starts keeping the budgets of <paramref name="store"/> up to date.</summary>
    public static DisruptionBudgetStatus Start(RegistryStore store, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(logger);
        return new DisruptionBudgetStatus(store, logger);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _follower.DisposeAsync();

    private void Refresh(string ns)
    {
        if (ns.Length == 0)
        {
            return;
        }

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
