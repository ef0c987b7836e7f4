using System.Text.Json.Nodes;

namespace Labs.Cluster.Storage;

/// <summary>A change in the store, in the order changes happened.</summary>
/// <param name="Type"><c>ADDED</c>, <c>MODIFIED</c> or <c>DELETED</c>.</param>
/// <param name="Resource">The resource type of the object.</param>
/// <param name="Object">The object after the change (for DELETED: its last state, with the deletion's resourceVersion).</param>
/// <param name="ResourceVersion">The store's resourceVersion of this change.</param>
#pragma warning disable CA1720 // Kubernetes watch events name their payload "object".
public sealed record StoreEvent(string Type, GroupResource Resource, JsonObject Object, long ResourceVersion);
#pragma warning restore CA1720
