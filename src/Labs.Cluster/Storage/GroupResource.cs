namespace Labs.Cluster.Storage;

/// <summary>A stored resource type: API group (empty for core) and plural resource name, e.g. <c>apps</c>/<c>deployments</c>.</summary>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Resource">Plural resource name.</param>
public readonly record struct GroupResource(string Group, string Resource)
{
    /// <summary>The name Kubernetes uses in messages: <c>deployments.apps</c>, or <c>pods</c> for the core group.</summary>
    public override string ToString() => Group.Length == 0 ? Resource : $"{Resource}.{Group}";
}
