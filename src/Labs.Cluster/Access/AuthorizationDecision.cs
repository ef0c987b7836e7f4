namespace Labs.Cluster.Access;

/// <summary>The outcome of an authorization check.</summary>
/// <param name="Allowed">Whether the request may proceed.</param>
/// <param name="Reason">Why, e.g. <c>RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to User "z"</c>; may be empty.</param>
public sealed record AuthorizationDecision(bool Allowed, string Reason)
{
    /// <summary>A denial with no particular reason (no rule grants the request).</summary>
    public static AuthorizationDecision Denied { get; } = new(false, "");

    /// <summary>An approval with its reason.</summary>
    public static AuthorizationDecision Allow(string reason) => new(true, reason);
}
