using System.Text.Json.Nodes;

namespace Labs.Cluster.Storage;

/// <summary>A consistent snapshot of objects and the store resourceVersion it was taken at.</summary>
/// <param name="Items">Deep copies of the matching objects, ordered by namespace then name.</param>
/// <param name="ResourceVersion">The store's resourceVersion at the time of the snapshot.</param>
public sealed record StoreList(IReadOnlyList<JsonObject> Items, long ResourceVersion);
