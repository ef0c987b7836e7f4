using System.Diagnostics.CodeAnalysis;

// The store contract mirrors Kubernetes' own vocabulary (get, object); other components already code against it.
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "Kubernetes verb names; the contract is shared.", Scope = "member", Target = "~M:Labs.Cluster.Storage.IObjectStore.Get(Labs.Cluster.Storage.GroupResource,System.String,System.String)~System.Text.Json.Nodes.JsonObject")]
