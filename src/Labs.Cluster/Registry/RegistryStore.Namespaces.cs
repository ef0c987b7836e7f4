using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Registry;

/// <summary>
/// A namespace's termination, as the namespace controller does it: Terminating, everything inside deleted, then the
/// namespace goes, unless content with finalizers remains; then it stays Terminating with the controller's conditions
/// (NamespaceContentRemaining, NamespaceFinalizersRemaining) until that content is gone.
/// </summary>
internal sealed partial class RegistryStore
{
    private readonly Lock _finishing = new();

    /// <summary>Marks a namespace Terminating, deletes its content and finishes it when nothing is left.</summary>
    /// <returns>The namespace as Terminating.</returns>
    public JsonObject TerminateNamespace(string name)
    {
        var existing = _inner.Get(Namespaces, null, name) ?? throw ApiErrors.NotFound(Namespaces, name);
        if ((string?)existing["status"]?["phase"] != "Terminating")
        {
            var terminating = existing.DeepClone().AsObject();
            terminating["status"] = new JsonObject { ["phase"] = "Terminating" };
            terminating.Meta()["deletionTimestamp"] ??= _time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            terminating.Meta()["deletionGracePeriodSeconds"] ??= 0;
            existing = _inner.Update(Namespaces, null, terminating);
        }

        foreach (var strategy in Registry.Stored.Where(s => s.Definition.Namespaced))
        {
            foreach (var item in _inner.List(strategy.Resource, name).Items.Where(i => !IsBeingDeleted(i)))
            {
                Delete(strategy.Resource, name, item.MetaString("name"));
            }
        }

        return FinishNamespace(name) ?? existing;
    }

    /// <summary>
    /// Deletes a Terminating namespace once it is empty, or records what is left in its conditions.
    /// Returns the namespace as it remains, or null when it is gone or was not terminating.
    /// </summary>
    public JsonObject? FinishNamespace(string name)
    {
        // The request that deletes a namespace and the follow-up of the deletions it causes both finish it.
        lock (_finishing)
        {
            return FinishNamespaceLocked(name);
        }
    }

    private JsonObject? FinishNamespaceLocked(string name)
    {
        var ns = _inner.Get(Namespaces, null, name);
        if (ns is null || (string?)ns["status"]?["phase"] != "Terminating")
        {
            return null;
        }

        var remaining = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var finalizers = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var strategy in Registry.Stored.Where(s => s.Definition.Namespaced))
        {
            foreach (var item in _inner.List(strategy.Resource, name).Items)
            {
                var key = strategy.Resource.Group.Length == 0 ? strategy.Resource.Resource : $"{strategy.Resource.Resource}.{strategy.Resource.Group}";
                remaining[key] = remaining.GetValueOrDefault(key) + 1;
                foreach (var finalizer in Finalizers(item))
                {
                    finalizers[finalizer] = finalizers.GetValueOrDefault(finalizer) + 1;
                }
            }
        }

        if (remaining.Count == 0)
        {
            _inner.Delete(Namespaces, null, name);
            return null;
        }

        var updated = ns.DeepClone().AsObject();
        updated["status"] = new JsonObject
        {
            ["phase"] = "Terminating",
            ["conditions"] = Conditions(ns, remaining, finalizers),
        };
        return JsonNode.DeepEquals(updated["status"], ns["status"]) ? ns : _inner.UpdateStatus(Namespaces, null, updated);
    }

    private JsonArray Conditions(JsonObject ns, SortedDictionary<string, int> remaining, SortedDictionary<string, int> finalizers)
    {
        var now = _time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var before = (ns["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>().ToDictionary(c => (string?)c["type"] ?? string.Empty);
        JsonObject Condition(string type, bool status, string reason, string message)
        {
            var value = status ? "True" : "False";
            var since = before.TryGetValue(type, out var old) && (string?)old["status"] == value ? (string?)old["lastTransitionTime"] ?? now : now;
            return new JsonObject { ["type"] = type, ["status"] = value, ["lastTransitionTime"] = since, ["reason"] = reason, ["message"] = message };
        }

        var conditions = new JsonArray(
            Condition("NamespaceDeletionDiscoveryFailure", false, "ResourcesDiscovered", "All resources successfully discovered"),
            Condition("NamespaceDeletionGroupVersionParsingFailure", false, "ParsedGroupVersions", "All legacy kube types successfully parsed"),
            Condition("NamespaceDeletionContentFailure", false, "ContentDeleted", "All content successfully deleted, may be waiting on finalization"),
            Condition("NamespaceContentRemaining", true, "SomeResourcesRemain",
                "Some resources are remaining: " + string.Join(", ", remaining.Select(r => $"{r.Key} has {r.Value} resource instances"))));
        conditions.Add(finalizers.Count > 0
            ? Condition("NamespaceFinalizersRemaining", true, "SomeFinalizersRemain",
                "Some content in the namespace has finalizers remaining: " + string.Join(", ", finalizers.Select(f => $"{f.Key} in {f.Value} resource instances")))
            : Condition("NamespaceFinalizersRemaining", false, "ContentHasNoFinalizers", "All content-preserving finalizers finished"));
        return conditions;
    }
}
