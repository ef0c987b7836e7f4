namespace Labs.Cluster.Access;

/// <summary>An authenticated caller, as Kubernetes' <c>user.Info</c>: what RBAC subjects and access reviews see.</summary>
/// <param name="Name">User name, e.g. <c>labs-admin</c> or <c>system:serviceaccount:ns1:learner</c>.</param>
/// <param name="Uid">Stable id: the ServiceAccount's uid for service-account users.</param>
/// <param name="Groups">Groups, e.g. <c>system:masters</c>, <c>system:authenticated</c>.</param>
public sealed record UserInfo(string Name, string Uid, IReadOnlyList<string> Groups)
{
    /// <summary>The group that may do everything (RBAC is not consulted).</summary>
    public const string MastersGroup = "system:masters";

    /// <summary>The group every authenticated user belongs to.</summary>
    public const string AuthenticatedGroup = "system:authenticated";

    /// <summary>The prefix of service-account user names.</summary>
    public const string ServiceAccountPrefix = "system:serviceaccount:";

    /// <summary>Whether the user is in <paramref name="group"/>.</summary>
    public bool IsInGroup(string group) => Groups.Contains(group, StringComparer.Ordinal);

    /// <summary>The user name of a ServiceAccount: <c>system:serviceaccount:NS:NAME</c>.</summary>
    public static string ServiceAccountUserName(string ns, string name) => $"{ServiceAccountPrefix}{ns}:{name}";
}
