namespace Labs.Cluster.Api;

/// <summary>
/// The serialized lines of the latest watch events, shared by every watch that sends the same change in the same form
/// (resourceVersion, event type, apiVersion; not Tables, whose rows are per watch): with many informers watching one
/// kind, a change is serialized once instead of once per watch. A few slots, overwritten in turn; a miss only costs a
/// serialization.
/// </summary>
internal sealed class WatchEventCache
{
    private const int Slots = 16;
    private readonly Entry?[] _entries = new Entry?[Slots];

    /// <summary>The line of this change, made by <paramref name="serialize"/> when no watch has sent it yet.</summary>
    public byte[] GetOrAdd(long resourceVersion, string type, string apiVersion, Func<byte[]> serialize)
    {
        ArgumentNullException.ThrowIfNull(serialize);
        var slot = (int)((ulong)resourceVersion % Slots);
        if (Volatile.Read(ref _entries[slot]) is { } entry && entry.ResourceVersion == resourceVersion && entry.Type == type && entry.ApiVersion == apiVersion)
        {
            return entry.Line;
        }

        var line = serialize();
        Volatile.Write(ref _entries[slot], new Entry(resourceVersion, type, apiVersion, line));
        return line;
    }

    private sealed record Entry(long ResourceVersion, string Type, string ApiVersion, byte[] Line);
}
