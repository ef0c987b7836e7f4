using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Registry;

/// <summary>
/// Graceful deletion as kube-apiserver's rest.BeforeDelete does it: a pod is not removed by a DELETE but marked with a
/// deletionTimestamp (now plus its grace period) and deletionGracePeriodSeconds; the kubelet stops its containers and
/// then deletes it with a grace period of 0. A later delete may only shorten the period.
/// </summary>
internal sealed partial class RegistryStore
{
    private static GracefulDeletion BeforeDelete(ResourceStrategy? strategy, JsonObject existing, long? requested, out long period)
    {
        // Negative values are taken as 1 s on the delete path.
        requested = requested < 0 ? 1 : requested;
        period = 0;
        if (strategy?.GracePeriod is not { } gracePeriod)
        {
            return GracefulDeletion.None;
        }

        if (IsBeingDeleted(existing))
        {
            // A deletion without a grace period left goes now; a pending one may only be shortened.
            var current = Access.JsonFields.Int64(existing["metadata"]?["deletionGracePeriodSeconds"]) ?? 0;
            if (current <= 0)
            {
                return GracefulDeletion.None;
            }

            if (requested is not { } shorter || shorter >= current)
            {
                return GracefulDeletion.Pending;
            }

            period = shorter;
            return GracefulDeletion.Graceful;
        }

        period = gracePeriod(existing, requested);
        return GracefulDeletion.Graceful;
    }

    /// <summary>
    /// Marks an object for deletion in <paramref name="period"/> seconds, or moves its deletion forward to then when it
    /// is already marked with a longer period (the deletionTimestamp less the time given up).
    /// </summary>
    private JsonObject MarkGracefully(GroupResource resource, string? ns, JsonObject existing, long period) =>
        UpdateLatest(resource, ns, existing, current => Marked(current, period));

    /// <summary>
    /// Writes a change the server makes on its own (a deletion mark) as GuaranteedUpdate does: when someone wrote in
    /// between (a kubelet's status), the change is made again on the latest object, so a DELETE never fails for that.
    /// </summary>
    private JsonObject UpdateLatest(GroupResource resource, string? ns, JsonObject existing, Func<JsonObject, JsonObject> change)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return _inner.Update(resource, ns, change(existing));
            }
            catch (ApiException e) when (e.Code == 409 && attempt < 20)
            {
                var name = existing.MetaString("name");
                existing = _inner.Get(resource, ns, name) ?? throw ApiErrors.NotFound(resource, name);
            }
        }
    }

    private JsonObject Marked(JsonObject existing, long period)
    {
        var marked = existing.DeepClone().AsObject();
        var metadata = marked.Meta();
        var deletion = _time.GetUtcNow().AddSeconds(period);
        if (IsBeingDeleted(existing)
            && DateTimeOffset.TryParse((string?)metadata["deletionTimestamp"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            && Access.JsonFields.Int64(metadata["deletionGracePeriodSeconds"]) is { } current)
        {
            deletion = at.AddSeconds(period - current);
        }

        metadata["deletionTimestamp"] = deletion.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        metadata["deletionGracePeriodSeconds"] = period;
        return marked;
    }
}
