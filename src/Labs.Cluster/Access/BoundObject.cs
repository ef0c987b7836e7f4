using Labs.Cluster.Storage;

namespace Labs.Cluster.Access;

/// <summary>An object a ServiceAccount token is bound to (<c>kubectl create token --bound-object-kind</c>): the token is valid only while it exists.</summary>
/// <param name="Kind"><c>Pod</c>, <c>Secret</c> or <c>Node</c>.</param>
/// <param name="Name">Name of the object (in the ServiceAccount's namespace for Pods and Secrets).</param>
/// <param name="Uid">uid of the object.</param>
public sealed record BoundObject(string Kind, string Name, string Uid)
{
    /// <summary>The kinds a token may be bound to.</summary>
    internal static readonly IReadOnlyList<BoundKind> Kinds =
    [
        new("Pod", new GroupResource("", "pods"), true, "pod"),
        new("Secret", new GroupResource("", "secrets"), true, "secret"),
        new("Node", new GroupResource("", "nodes"), false, "node"),
    ];

    /// <summary>The claim under <c>kubernetes.io</c> naming the object.</summary>
    internal string ClaimName => Kinds.First(k => k.Kind == Kind).ClaimName;

    /// <summary>A kind a token can be bound to, where it is stored, and its claim name.</summary>
    internal sealed record BoundKind(string Kind, GroupResource Resource, bool Namespaced, string ClaimName);
}
