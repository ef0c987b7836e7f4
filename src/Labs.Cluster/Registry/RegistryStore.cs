using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Registry;

/// <summary>
/// The one write path of the embedded cluster, kube-apiserver's generic registry store: every create and update, from
/// the API or from a controller or bootstrap code, is prepared by its kind's <see cref="ResourceStrategy"/> (status
/// cleared or kept, PrepareForCreate), validated and defaulted, then admitted and stored by the inner store (admission:
/// quotas, limit ranges). Reads and watches pass straight through.
/// </summary>
internal sealed partial class RegistryStore : IObjectStore
{
    private readonly IObjectStore _inner;
    private readonly Action<GroupResource, string?, JsonObject, JsonObject?>? _admitDryRun;
    private readonly TimeProvider _time;
    private readonly ResourceRegistry _builtin;
    private volatile ResourceRegistry _registry;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The store that admits and holds the objects.</param>
    /// <param name="registry">The kinds served; <see cref="ResourceRegistry.Builtin"/> when null.</param>
    /// <param name="admitDryRun">
    /// Runs admission on a write that is not stored, changing the object as admission would (the inner store admits the
    /// others); without it dry runs skip admission.
    /// </param>
    /// <param name="time">Clock for the creation time of dry-run objects; the system clock when null.</param>
    public RegistryStore(IObjectStore inner, ResourceRegistry? registry = null,
        Action<GroupResource, string?, JsonObject, JsonObject?>? admitDryRun = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _builtin = registry ?? ResourceRegistry.Builtin;
        _registry = _builtin;
        _admitDryRun = admitDryRun;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The kinds this store serves now: the built-in ones and those custom resource definitions add.</summary>
    public ResourceRegistry Registry => _registry;

    /// <summary>Serves the built-in kinds plus <paramref name="custom"/> from now on (the established CRDs' entries).</summary>
    public void ServeCustomResources(IEnumerable<ResourceStrategy> custom) => _registry = _builtin.With(custom);

    /// <inheritdoc />
    public long CurrentResourceVersion => _inner.CurrentResourceVersion;

    /// <inheritdoc />
    public JsonObject? Get(GroupResource resource, string? ns, string name) => _inner.Get(resource, ns, name);

    /// <inheritdoc />
    public StoreList List(GroupResource resource, string? ns) => _inner.List(resource, ns);

    /// <inheritdoc />
    public IDisposable Subscribe(long fromResourceVersion, Action<StoreEvent> handler) => _inner.Subscribe(fromResourceVersion, handler);

    /// <inheritdoc />
    public JsonObject Create(GroupResource resource, string? ns, JsonObject obj) => Create(resource, ns, obj, WriteOptions.Default);

    /// <inheritdoc />
    public JsonObject Update(GroupResource resource, string? ns, JsonObject obj) => Update(resource, ns, obj, null, WriteOptions.Default);

    /// <inheritdoc />
    public JsonObject UpdateStatus(GroupResource resource, string? ns, JsonObject obj) => UpdateStatus(resource, ns, obj, WriteOptions.Default);


    /// <summary>Validates, prepares and defaults a new object, then admits and stores it (or, for a dry run, only answers it).</summary>
    public JsonObject Create(GroupResource resource, string? ns, JsonObject obj, WriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(options);
        var copy = obj.DeepClone().AsObject();

        // FillObjectMetaSystemFields: a new uid whatever the client sent, known to PrepareForCreate.
        copy.Meta()["uid"] = Guid.NewGuid().ToString();
        if (Registry.For(resource) is { } strategy)
        {
            ObjectValidator.CheckKind(strategy.Definition, copy);
            if (strategy.HasStatus && !strategy.KeepsStatusOnCreate)
            {
                // Status belongs to controllers: a client cannot create an object with one, as on a real cluster.
                copy.Remove("status");
            }

            strategy.PrepareForCreate?.Invoke(copy);
            if (options.Requester is { } requester)
            {
                strategy.RecordRequester?.Invoke(copy, requester);
            }

            ObjectValidation.Validate(strategy, copy, null);
            strategy.Defaults?.Invoke(copy);
        }

        options.ManageFields(copy, null);
        options.Admit?.Invoke(copy);
        return options.DryRun ? DryRunCreate(resource, ns, copy) : _inner.Create(resource, ns, copy);
    }

    /// <summary>
    /// Validates and defaults a replacement of a stored object (<paramref name="existing"/>, read when null), keeping its
    /// status when the kind has a status subresource, then admits and stores it (or, for a dry run, only answers it).
    /// </summary>
    public JsonObject Update(GroupResource resource, string? ns, JsonObject obj, JsonObject? existing, WriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(options);
        var copy = obj.DeepClone().AsObject();
        existing ??= _inner.Get(resource, ns, copy.MetaString("name"));
        if (Registry.For(resource) is { } strategy)
        {
            ObjectValidator.CheckKind(strategy.Definition, copy);
            if (strategy.HasStatus)
            {
                // The main resource cannot change status; that is what the status subresource is for.
                copy.Remove("status");
                if (existing?["status"] is { } status)
                {
                    copy["status"] = status.DeepClone();
                }
            }

            strategy.PrepareForUpdate?.Invoke(copy);
            if (existing is not null)
            {
                strategy.CarryOver?.Invoke(copy, existing);
            }

            KeepDeletionMarks(strategy.Definition, copy, existing);
            ObjectValidation.Validate(strategy, copy, existing);
            strategy.Defaults?.Invoke(copy);
        }

        options.ManageFields(copy, existing);
        options.Admit?.Invoke(copy);
        if (!options.DryRun)
        {
            var updated = _inner.Update(resource, ns, copy);
            if (IsBeingDeleted(updated) && Finalizers(updated).Count == 0)
            {
                // The last finalizer is gone: the deletion it held back happens now, dependents and all.
                _inner.Delete(resource, ns, updated.MetaString("name"));
                if (ns is not null && updated.MetaString("uid") is { Length: > 0 } uid)
                {
                    CollectDependents(ns, uid, "Background");
                }
            }

            return updated;
        }

        var name = copy.MetaString("name");
        return DryRunUpdate(resource, ns, copy, existing ?? throw ApiErrors.NotFound(resource, name));
    }

    // Only a delete marks an object for deletion; a write keeps the marks it found, and may not add finalizers once they
    // are there (ValidateObjectMetaUpdate: "no new finalizers can be added if the object is being deleted").
    private static void KeepDeletionMarks(ResourceDefinition definition, JsonObject obj, JsonObject? existing)
    {
        var metadata = obj.Meta();
        foreach (var field in (string[])["deletionTimestamp", "deletionGracePeriodSeconds"])
        {
            metadata.Remove(field);
            if (existing?["metadata"]?[field] is { } value)
            {
                metadata[field] = value.DeepClone();
            }
        }

        if (existing is not null && IsBeingDeleted(existing))
        {
            var before = Finalizers(existing);
            var added = Finalizers(obj).Where(f => !before.Contains(f)).ToList();
            if (added.Count > 0)
            {
                var printed = string.Join(", ", added.Select(f => Admission.FieldErrors.Quote(f)));
                throw ApiErrors.Invalid(definition.Kind, definition.Group, obj.MetaString("name"),
                    [("FieldValueForbidden", "metadata.finalizers", $"Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{{{printed}}}")]);
            }
        }
    }

    /// <summary>Validates a write of the status subresource, then stores it (or, for a dry run, only answers it).</summary>
    public JsonObject UpdateStatus(GroupResource resource, string? ns, JsonObject obj, WriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(options);
        var copy = obj.DeepClone().AsObject();
        if (Registry.For(resource) is { } strategy)
        {
            ObjectValidator.CheckKind(strategy.Definition, copy);
            ObjectValidation.Validate(strategy, copy, null);
        }

        if (options.Fields is not null || options.FieldsDecided)
        {
            options.ManageFields(copy, _inner.Get(resource, ns, copy.MetaString("name")));
        }
        else
        {
            // The cluster's own status writes keep the stored managers (the store takes managed fields from a status write).
            copy.Meta().Remove("managedFields");
        }

        return options.DryRun ? copy : _inner.UpdateStatus(resource, ns, copy);
    }
}
