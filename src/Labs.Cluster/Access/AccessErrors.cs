using System.Text.Json.Nodes;
using Labs.Cluster.Api;

namespace Labs.Cluster.Access;

/// <summary>The 401 and 403 answers of the access layer, with a real API server's exact messages.</summary>
public static class AccessErrors
{
    /// <summary>401 for a missing or invalid bearer token.</summary>
    public static ApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    /// <summary>
    /// The message RBAC denial carries after the resource prefix, e.g.
    /// <c>User "bob" cannot list resource "pods" in API group "" in the namespace "ns2"</c>.
    /// </summary>
    public static string ForbiddenReason(UserInfo user, RequestAttributes attributes)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(attributes);
        if (!attributes.IsResourceRequest)
        {
            return $"User \"{user.Name}\" cannot {attributes.Verb} path \"{attributes.Path}\"";
        }

        var where = attributes.Namespace.Length > 0 ? $"in the namespace \"{attributes.Namespace}\"" : "at the cluster scope";
        return $"User \"{user.Name}\" cannot {attributes.Verb} resource \"{attributes.ResourceWithSubresource}\" in API group \"{attributes.ApiGroup}\" {where}";
    }

    /// <summary>
    /// 403 Forbidden as a real API server words it: <c>pods "x" is forbidden: User "bob" cannot get resource "pods" in
    /// API group "" in the namespace "ns2"</c>, with details {name, group, kind = resource}.
    /// </summary>
    /// <param name="user">The caller.</param>
    /// <param name="attributes">What was denied.</param>
    /// <param name="reason">The authorizer's reason, appended after a colon when non-empty.</param>
    public static ApiException Forbidden(UserInfo user, RequestAttributes attributes, string reason = "")
    {
        var because = ForbiddenReason(user, attributes) + (string.IsNullOrEmpty(reason) ? "" : ": " + reason);
        if (!attributes.IsResourceRequest)
        {
            return new ApiException(403, "Forbidden", $"forbidden: {because}", new JsonObject());
        }

        var qualified = attributes.ApiGroup.Length == 0 ? attributes.Resource : $"{attributes.Resource}.{attributes.ApiGroup}";
        var message = attributes.Name.Length == 0
            ? $"{qualified} is forbidden: {because}"
            : $"{qualified} \"{attributes.Name}\" is forbidden: {because}";
        // Like metav1.StatusDetails, empty name and group are omitted.
        var details = new JsonObject();
        if (attributes.Name.Length > 0)
        {
            details["name"] = attributes.Name;
        }

        if (attributes.ApiGroup.Length > 0)
        {
            details["group"] = attributes.ApiGroup;
        }

        details["kind"] = attributes.Resource;
        return new ApiException(403, "Forbidden", message, details);
    }
}
