using Labs.Cluster.Api;

namespace Labs.Cluster.Access;

/// <summary>
/// Acting as another user (<c>kubectl --as=bob --as-group=devs</c>, the <c>Impersonate-User</c>, <c>Impersonate-Group</c>
/// and <c>Impersonate-Uid</c> headers), as Kubernetes' impersonation filter does it: the requester needs the
/// <c>impersonate</c> verb on each <c>users</c>, <c>serviceaccounts</c>, <c>groups</c> and <c>uids</c> it asks for.
/// </summary>
public static class Impersonation
{
    /// <summary>Header naming the user to act as.</summary>
    public const string UserHeader = "Impersonate-User";

    /// <summary>Header (repeated) naming a group to act as.</summary>
    public const string GroupHeader = "Impersonate-Group";

    /// <summary>Header naming the uid to act as.</summary>
    public const string UidHeader = "Impersonate-Uid";

    /// <summary>
    /// The user <paramref name="requester"/> acts as, or <paramref name="requester"/> itself when nothing is impersonated.
    /// </summary>
    /// <param name="authorizer">Decides whether the requester may impersonate.</param>
    /// <param name="requester">The authenticated caller.</param>
    /// <param name="user">The <c>Impersonate-User</c> value, or null.</param>
    /// <param name="groups">The <c>Impersonate-Group</c> values.</param>
    /// <param name="uid">The <c>Impersonate-Uid</c> value, or null.</param>
    /// <exception cref="ApiException">403 when an impersonation is not allowed; 400 for groups or a uid without a user.</exception>
    public static UserInfo Apply(RbacAuthorizer authorizer, UserInfo requester, string? user, IReadOnlyList<string> groups, string? uid)
    {
        ArgumentNullException.ThrowIfNull(authorizer);
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(groups);
        if (string.IsNullOrEmpty(user))
        {
            if (groups.Count > 0 || !string.IsNullOrEmpty(uid))
            {
                throw new ApiException(400, "BadRequest",
                    $"requested impersonation of {(groups.Count > 0 ? "groups [" + string.Join(" ", groups) + "]" : "uid " + uid)} without impersonating a user: add the {UserHeader} header (kubectl --as)");
            }

            return requester;
        }

        string? serviceAccountNamespace = null;
        if (user.StartsWith(UserInfo.ServiceAccountPrefix, StringComparison.Ordinal)
            && user[UserInfo.ServiceAccountPrefix.Length..].Split(':') is [{ Length: > 0 } ns, { Length: > 0 } name])
        {
            serviceAccountNamespace = ns;
            Require(authorizer, requester, RequestAttributes.ForResource("impersonate", "", "serviceaccounts", ns, name));
        }
        else
        {
            Require(authorizer, requester, RequestAttributes.ForResource("impersonate", "", "users", null, user));
        }

        foreach (var group in groups)
        {
            Require(authorizer, requester, RequestAttributes.ForResource("impersonate", "", "groups", null, group));
        }

        if (!string.IsNullOrEmpty(uid))
        {
            Require(authorizer, requester, RequestAttributes.ForResource("impersonate", "authentication.k8s.io", "uids", null, uid));
        }

        var effectiveGroups = new List<string>(groups);
        if (groups.Count == 0 && serviceAccountNamespace is not null)
        {
            effectiveGroups.AddRange(["system:serviceaccounts", $"system:serviceaccounts:{serviceAccountNamespace}"]);
        }

        if (!effectiveGroups.Contains(UserInfo.AuthenticatedGroup))
        {
            effectiveGroups.Add(UserInfo.AuthenticatedGroup);
        }

        return new UserInfo(user, uid ?? "", effectiveGroups);
    }

    private static void Require(RbacAuthorizer authorizer, UserInfo requester, RequestAttributes attributes)
    {
        if (!authorizer.Authorize(requester, attributes).Allowed)
        {
            throw AccessErrors.Forbidden(requester, attributes);
        }
    }
}
