using System.Text.Json.Nodes;
using Labs.Cluster.Api;

namespace Labs.Cluster.Access;

/// <summary>Reviews of another subject's access: what graders and admins ask ("may ServiceAccount app list pods?").</summary>
public sealed partial class AccessReviews
{
    /// <summary>
    /// Answers <c>POST /apis/authorization.k8s.io/v1/subjectaccessreviews</c> (<paramref name="ns"/> null) or
    /// <c>POST /apis/authorization.k8s.io/v1/namespaces/NS/localsubjectaccessreviews</c> (<paramref name="ns"/> = NS):
    /// whether <c>spec.user</c> with <c>spec.groups</c> may do what the spec's attributes describe. The caller must
    /// first authorize <c>create</c> on that resource (only admins should ask about others).
    /// </summary>
    /// <exception cref="ApiException">422 when neither user nor groups are given, the attributes are missing, or a
    /// local review names another namespace.</exception>
    public JsonObject ReviewSubjectAccess(JsonObject? review, string? ns = null)
    {
        var kind = ns is null ? "SubjectAccessReview" : "LocalSubjectAccessReview";
        var spec = (JsonFields.Object(review, "spec") ?? new JsonObject()).DeepClone().AsObject();
        var userName = JsonFields.String(spec, "user") ?? "";
        var groups = JsonFields.Strings(spec, "groups");
        if (userName.Length == 0 && groups.Count == 0)
        {
            throw Invalid(kind, "authorization.k8s.io", "spec.user", "Invalid value: \"\": at least one of user or group must be specified");
        }

        var metadata = new JsonObject { ["creationTimestamp"] = null };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
            if (JsonFields.Object(spec, "nonResourceAttributes") is not null)
            {
                throw Invalid(kind, "authorization.k8s.io", "spec.nonResourceAttributes", "disallowed on this kind of request");
            }

            if (JsonFields.Object(spec, "resourceAttributes") is { } attributes)
            {
                var requested = JsonFields.String(attributes, "namespace") ?? "";
                if (requested.Length > 0 && requested != ns)
                {
                    throw Invalid(kind, "authorization.k8s.io", "spec.resourceAttributes.namespace", $"Invalid value: \"{requested}\": must match metadata.namespace");
                }

                attributes["namespace"] = ns;
            }
        }

        // As the real API server: the subject is exactly what the review names, no implied groups.
        var subject = new UserInfo(userName, JsonFields.String(spec, "uid") ?? "", groups);
        return Evaluate(kind, subject, spec, metadata);
    }
}
