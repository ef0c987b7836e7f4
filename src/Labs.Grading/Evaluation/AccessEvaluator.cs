using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Labs.Content.Checks;
using Labs.Kube;

namespace Labs.Grading.Evaluation;

/// <summary>
/// RBAC checks, asked with the platform's credentials: a LocalSubjectAccessReview in the namespace (a SubjectAccessReview
/// cluster-wide). A server that does not serve those reviews (the embedded cluster today) is asked a
/// SelfSubjectAccessReview while impersonating the subject, which RBAC answers the same way.
/// </summary>
internal sealed class AccessEvaluator(IKubernetes kube)
{
    public async Task<Outcome> EvaluateAsync(AccessCheck check, string ns, CancellationToken cancellationToken)
    {
        var user = check.User.Replace("$NAMESPACE", ns, StringComparison.Ordinal);
        var scope = check.Namespace is null ? ns : check.Namespace.Replace("$NAMESPACE", ns, StringComparison.Ordinal);
        var (resource, subresource) = check.Resource.Split('/', 2) is [var r, var s] ? (r, s) : (check.Resource, null);
        var groups = check.Groups.Count > 0 ? [.. check.Groups] : GroupsOf(user);
        var attributes = new V1ResourceAttributes
        {
            Verb = check.Verb,
            Group = check.Group,
            Resource = resource,
            Subresource = subresource,
            NamespaceProperty = scope.Length == 0 ? null : scope,
            Name = check.Name,
        };
        var status = await ReviewAsync(user, groups, attributes, scope, cancellationToken);
        var allowed = status?.Allowed == true;
        var what = $"{check.Verb} {check.Resource}{(check.Name is null ? "" : $" {check.Name}")}{(check.Group.Length > 0 ? $" ({check.Group})" : "")}{(scope.Length > 0 ? $" in namespace {scope}" : " cluster-wide")}";
        var reason = status?.Reason is { Length: > 0 } r2 ? $" ({r2})" : "";
        var found = new JsonObject { ["allowed"] = allowed, ["reason"] = status?.Reason, ["denied"] = status?.Denied };
        var expected = check.Allowed ? "allowed" : "denied";
        if (allowed == check.Allowed)
            return Outcome.Pass($"{user} {(allowed ? "can" : "cannot")} {what}{reason}", expected, found);
        return Outcome.Fail($"expected {user} {(check.Allowed ? "to be allowed to" : "not to be allowed to")} {what}, but {(allowed ? "it is allowed" : "it is denied")}{reason}", expected, found);
    }

    private async Task<V1SubjectAccessReviewStatus?> ReviewAsync(string user, List<string> groups, V1ResourceAttributes attributes, string scope, CancellationToken cancellationToken)
    {
        try
        {
            var spec = new V1SubjectAccessReviewSpec { User = user, Groups = groups, ResourceAttributes = attributes };
            return scope.Length > 0
                ? (await kube.AuthorizationV1.CreateNamespacedLocalSubjectAccessReviewAsync(new V1LocalSubjectAccessReview { Metadata = new V1ObjectMeta { NamespaceProperty = scope }, Spec = spec }, scope, cancellationToken: cancellationToken)).Status
                : (await kube.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview { Spec = spec }, cancellationToken: cancellationToken)).Status;
        }
        catch (Exception ex) when (ex.HasCode(System.Net.HttpStatusCode.NotFound))
        {
            var headers = new Dictionary<string, IReadOnlyList<string>> { ["Impersonate-User"] = [user], ["Impersonate-Group"] = groups };
            using var response = await kube.AuthorizationV1.CreateSelfSubjectAccessReviewWithHttpMessagesAsync(
                new V1SelfSubjectAccessReview { Spec = new V1SelfSubjectAccessReviewSpec { ResourceAttributes = attributes } }, customHeaders: headers, cancellationToken: cancellationToken);
            return response.Body.Status;
        }
    }

    /// <summary>The groups the API server gives a service account's token; users get only system:authenticated.</summary>
    private static List<string> GroupsOf(string user)
    {
        var parts = user.Split(':');
        return parts is ["system", "serviceaccount", var ns, _]
            ? ["system:serviceaccounts", $"system:serviceaccounts:{ns}", "system:authenticated"]
            : ["system:authenticated"];
    }
}
