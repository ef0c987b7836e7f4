using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Labs.Cluster.Admission;

namespace Labs.Cluster.Storage;

/// <summary>
/// The store every write of the embedded cluster goes through (API requests, controllers, bootstrap code), so admission
/// holds for all of them: creates and updates are admitted (quantities, LimitRanger, validation, ResourceQuota) before
/// they reach the inner store, and after every write the namespace's quotas get their <c>status.used</c> recomputed, as
/// Kubernetes' quota controller keeps it. Writes in one namespace are serialized so that two creates cannot both take
/// the last unit of a quota.
/// </summary>
internal sealed class AdmittingObjectStore : IObjectStore
{
    private readonly IObjectStore _inner;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Lock> _namespaceLocks = new(StringComparer.Ordinal);
    private readonly Lock _clusterLock = new();

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The store that holds the objects.</param>
    /// <param name="time">Clock for pods past their deletion grace period; the system clock when null.</param>
    public AdmittingObjectStore(IObjectStore inner, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public long CurrentResourceVersion => _inner.CurrentResourceVersion;

    /// <inheritdoc />
    public JsonObject? Get(GroupResource resource, string? ns, string name) => _inner.Get(resource, ns, name);

    /// <inheritdoc />
    public StoreList List(GroupResource resource, string? ns) => _inner.List(resource, ns);

    /// <inheritdoc />
    public IDisposable Subscribe(long fromResourceVersion, Action<StoreEvent> handler) => _inner.Subscribe(fromResourceVersion, handler);

    /// <inheritdoc />
    public JsonObject Create(GroupResource resource, string? ns, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var copy = obj.DeepClone().AsObject();
        lock (LockFor(ns))
        {
            NameFromGenerateName(resource, ns, copy);
            AdmissionChain.Admit(new AdmissionRequest(AdmissionOperation.Create, resource, ns ?? string.Empty, copy, null), _inner, _time.GetUtcNow());
            var created = _inner.Create(resource, ns, copy);
            Refresh(resource, ns);
            return created;
        }
    }

    /// <inheritdoc />
    public JsonObject Update(GroupResource resource, string? ns, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var copy = obj.DeepClone().AsObject();
        lock (LockFor(ns))
        {
            var existing = _inner.Get(resource, ns, (string?)copy["metadata"]?["name"] ?? string.Empty);
            if (existing is not null)
            {
                AdmissionChain.Admit(new AdmissionRequest(AdmissionOperation.Update, resource, ns ?? string.Empty, copy, existing), _inner, _time.GetUtcNow());
            }

            var updated = _inner.Update(resource, ns, copy);
            Refresh(resource, ns);
            return updated;
        }
    }

    /// <inheritdoc />
    public JsonObject UpdateStatus(GroupResource resource, string? ns, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var copy = obj.DeepClone().AsObject();
        lock (LockFor(ns))
        {
            AdmissionChain.AdmitStatus(resource, copy);
            var updated = _inner.UpdateStatus(resource, ns, copy);
            Refresh(resource, ns);
            return updated;
        }
    }

    /// <inheritdoc />
    public JsonObject? Delete(GroupResource resource, string? ns, string name)
    {
        lock (LockFor(ns))
        {
            var deleted = _inner.Delete(resource, ns, name);
            if (deleted is not null)
            {
                Refresh(resource, ns);
            }

            return deleted;
        }
    }

    /// <summary>
    /// Admits a write that is not stored (<c>dryRun=All</c>) exactly as a stored one: <paramref name="obj"/> is changed
    /// as admission would change it, and refusals throw the same errors. <paramref name="existing"/> is null for a create.
    /// </summary>
    public void AdmitDryRun(GroupResource resource, string? ns, JsonObject obj, JsonObject? existing)
    {
        ArgumentNullException.ThrowIfNull(obj);
        lock (LockFor(ns))
        {
            var operation = existing is null ? AdmissionOperation.Create : AdmissionOperation.Update;
            AdmissionChain.Admit(new AdmissionRequest(operation, resource, ns ?? string.Empty, obj, existing), _inner, _time.GetUtcNow());
        }
    }

    private Lock LockFor(string? ns) => ns is null ? _clusterLock : _namespaceLocks.GetOrAdd(ns, _ => new Lock());

    /// <summary>Validating admission sees the final name, so it is chosen here rather than by the inner store.</summary>
    private void NameFromGenerateName(GroupResource resource, string? ns, JsonObject obj)
    {
        if (obj["metadata"] is not JsonObject metadata || (string?)metadata["name"] is { Length: > 0 }
            || (string?)metadata["generateName"] is not { Length: > 0 } prefix)
        {
            return;
        }

        string name;
        do
        {
            name = GeneratedNames.From(prefix);
        }
        while (_inner.Get(resource, ns, name) is not null);
        metadata["name"] = name;
    }

    private void Refresh(GroupResource resource, string? ns)
    {
        if (ns is not null)
        {
            QuotaUsage.Refresh(_inner, ns, resource, _time.GetUtcNow());
        }
    }
}
