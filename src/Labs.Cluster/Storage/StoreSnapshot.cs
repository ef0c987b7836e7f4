using System.Text.Json.Nodes;

namespace Labs.Cluster.Storage;

/// <summary>What a journal held when it was opened: the objects, the store's resourceVersion and the replayable changes.</summary>
/// <param name="ResourceVersion">The resourceVersion of the last durable write.</param>
/// <param name="Objects">Every stored object with its type and key.</param>
/// <param name="History">Replayable changes, oldest first, with resourceVersions without gaps.</param>
internal sealed record StoreSnapshot(
    long ResourceVersion,
    IReadOnlyList<(GroupResource Resource, string Key, JsonObject Object)> Objects,
    IReadOnlyList<(StoreEvent Change, DateTimeOffset At)> History)
{
    /// <summary>A store that was never written.</summary>
    public static StoreSnapshot Empty { get; } = new(0, [], []);
}
