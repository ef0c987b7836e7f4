using System.Text.Json.Nodes;

namespace Labs.Cluster.Api.Apply;

/// <summary>
/// kube-apiserver's field manager: keeps <c>metadata.managedFields</c> on every write. An update makes its manager own
/// what it added or changed (and takes those fields from the others); server-side apply merges a configuration by
/// ownership, removes what the applier no longer applies, and refuses to change fields others own (409) unless forced.
/// </summary>
internal static class FieldManager
{
    /// <summary>The manager of kubectl's server-side apply, the only one whose last-applied annotation is kept in step.</summary>
    public const string Kubectl = "kubectl";

    /// <summary>
    /// Records the update of <paramref name="live"/> (null for a create) to <paramref name="updated"/> in the managed
    /// fields of <paramref name="updated"/>, which is the object as it will be stored.
    /// </summary>
    public static void RecordUpdate(JsonObject? live, JsonObject updated, FieldWrite write)
    {
        ArgumentNullException.ThrowIfNull(updated);
        ArgumentNullException.ThrowIfNull(write);
        var managed = LiveOrNew(live, updated, write.Subresource.Length > 0);
        var before = Clean(live) ?? write.Type.Zero();
        var after = Clean(updated)!;
        var changes = ObjectComparison.Of(before, after, write.Type);
        var changed = write.Ownable(changes.Added.Union(changes.Modified));
        var removed = write.Ownable(changes.Removed);
        foreach (var entry in managed.Entries.Values.ToList())
        {
            managed.Set(entry with { Fields = entry.Fields.Difference(changed).Difference(removed) });
        }

        if (!changed.IsEmpty)
        {
            var id = ManagedFieldsEntry.Identity(write.Manager, ManagedFieldsEntry.Update, write.ApiVersion, write.Subresource);
            var previous = managed.Get(id)?.Fields ?? FieldSet.Empty;
            managed.Set(new ManagedFieldsEntry(write.Manager, ManagedFieldsEntry.Update, write.ApiVersion, write.Time, write.Subresource,
                previous.Union(changed)));
        }

        managed.WriteTo(updated);
    }

    /// <summary>
    /// Applies <paramref name="config"/> to <paramref name="live"/> (null when the object does not exist) for the manager
    /// of <paramref name="write"/>: the merged object with its managed fields, not yet defaulted.
    /// </summary>
    /// <exception cref="ApiException">409 when fields other managers own would change and <paramref name="force"/> is false.</exception>
    public static JsonObject Apply(JsonObject? live, JsonObject config, FieldWrite write, bool force)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(write);
        if (config["metadata"]?["managedFields"] is not null)
        {
            throw ApiErrors.BadRequest("metadata.managedFields must be nil");
        }

        var managed = live is null ? new ManagedFields() : ReadOrEmpty(live);
        var before = Clean(live) ?? write.Type.Zero();
        var id = ManagedFieldsEntry.Identity(write.Manager, ManagedFieldsEntry.Apply, string.Empty, write.Subresource);
        var last = managed.Get(id);
        var applied = write.Ownable(ObjectFields.Of(config, write.Type));
        var entry = new ManagedFieldsEntry(write.Manager, ManagedFieldsEntry.Apply, write.ApiVersion, last?.Time ?? write.Time, write.Subresource, applied);
        managed.Set(entry);
        var merged = Prune(ObjectMerge.Merge(before, config, write.Type) as JsonObject ?? [], managed, last?.Fields, write.Type);

        var changes = ObjectComparison.Of(before, merged, write.Type);
        var changed = write.Ownable(changes.Added.Union(changes.Modified));
        var removed = write.Ownable(changes.Removed);
        var conflicts = managed.Entries.Values.Where(e => e.Id != id)
            .Select(e => (Entry: e, Fields: e.Fields.Intersection(changed)))
            .Where(c => !c.Fields.IsEmpty)
            .ToList();
        if (conflicts.Count > 0 && !force && !(write.Manager == Kubectl && AllowedByLastApplied(live, conflicts.Select(c => c.Fields), write)))
        {
            throw ApplyConflicts.Error(conflicts);
        }

        foreach (var other in managed.Entries.Values.Where(e => e.Id != id).ToList())
        {
            managed.Set(other with { Fields = other.Fields.Difference(changed).Difference(removed) });
        }

        if (!JsonNode.DeepEquals(before, merged))
        {
            managed.Set(entry with { Time = write.Time });
        }

        if (write.Manager == Kubectl && merged["metadata"]?["annotations"]?[LastApplied] is not null)
        {
            // kubectl's server-side apply keeps the client-side apply annotation in step, so that going back works.
            var annotation = config.DeepClone().AsObject();
            (annotation["metadata"]?["annotations"] as JsonObject)?.Remove(LastApplied);
            merged.Meta()["annotations"]![LastApplied] = annotation.ToJsonString();
        }

        managed.WriteTo(merged);
        return merged;
    }

    private const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    // Structured-merge-diff's prune: what the applier applied last time and no longer applies goes, unless someone
    // (the applier's new configuration included) still owns it or it was never the applier's.
    private static JsonObject Prune(JsonObject merged, ManagedFields managed, FieldSet? last, ApplyType type)
    {
        if (last is null || last.IsEmpty)
        {
            return merged;
        }

        var lastNamed = ObjectFields.WithNamedFields(last, type);
        var owned = managed.Entries.Values.Aggregate(new FieldSet(), (all, e) => all.Union(e.Fields));
        var ownedNamed = ObjectFields.WithNamedFields(owned, type);
        var mergedFields = ObjectFields.WithNamedFields(ObjectFields.Of(merged, type), type);

        var pruned = ObjectMerge.RemoveItems(merged, lastNamed, type);
        var prunedFields = ObjectFields.WithNamedFields(ObjectFields.Of(pruned, type), type);
        pruned = ObjectMerge.RemoveItems(merged, mergedFields.Difference(prunedFields.Union(ownedNamed)), type);
        prunedFields = ObjectFields.WithNamedFields(ObjectFields.Of(pruned, type), type);
        return ObjectMerge.RemoveItems(merged, mergedFields.Difference(prunedFields).Intersection(lastNamed), type) as JsonObject ?? [];
    }

    // The apiserver lets kubectl's first server-side apply take over fields from client-side apply without conflicts
    // where the last-applied annotation still says what the object holds.
    private static bool AllowedByLastApplied(JsonObject? live, IEnumerable<FieldSet> conflicts, FieldWrite write)
    {
        if (live?["metadata"]?["annotations"]?[LastApplied] is not JsonValue text || !text.TryGetValue<string>(out var json))
        {
            return false;
        }

        JsonObject lastApplied;
        try
        {
            lastApplied = JsonNode.Parse(json) as JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }

        var allowed = ObjectFields.Of(lastApplied, write.Type).Difference(ObjectComparison.Of(lastApplied, Clean(live), write.Type).Modified);
        return conflicts.All(c => c.Difference(allowed).IsEmpty);
    }

    // The apiserver's decodeLiveOrNew: a write's own managedFields are taken when it sends some (a reset clears them),
    // otherwise the live object's; a subresource write always keeps the live ones. Unreadable ones are ignored.
    private static ManagedFields LiveOrNew(JsonObject? live, JsonObject updated, bool subresource)
    {
        if (!subresource)
        {
            if (ManagedFields.IsReset(updated))
            {
                return new ManagedFields();
            }

            try
            {
                var sent = ManagedFields.Read(updated);
                if (sent.Entries.Count > 0)
                {
                    return sent;
                }
            }
            catch (FormatException)
            {
                // Fall back on the live object's, as the apiserver does.
            }
        }

        return live is null ? new ManagedFields() : ReadOrEmpty(live);
    }

    private static ManagedFields ReadOrEmpty(JsonObject obj)
    {
        try
        {
            return ManagedFields.Read(obj);
        }
        catch (FormatException)
        {
            return new ManagedFields();
        }
    }

    private static JsonObject? Clean(JsonObject? obj)
    {
        if (obj?["metadata"] is not JsonObject { } metadata || !metadata.ContainsKey("managedFields"))
        {
            return obj;
        }

        var copy = obj.DeepClone().AsObject();
        copy.Meta().Remove("managedFields");
        return copy;
    }
}
