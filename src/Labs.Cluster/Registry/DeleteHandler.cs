using System.Text.Json.Nodes;

namespace Labs.Cluster.Registry;

/// <summary>A kind's own delete: removes the object named <paramref name="name"/> and answers the object as deleted.</summary>
/// <param name="store">The registry's write path, for the object and everything its deletion touches.</param>
/// <param name="ns">Namespace of the object, or null for a cluster-scoped one.</param>
/// <param name="name">Name of the object.</param>
/// <param name="propagation">Background, Foreground or Orphan.</param>
internal delegate JsonObject DeleteHandler(RegistryStore store, string? ns, string name, string propagation);
