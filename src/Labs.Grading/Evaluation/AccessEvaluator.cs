using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Labs.Content.Checks;

namespace Labs.Grading.Evaluation;

/// <summary>RBAC checks: a SubjectAccessReview asked with the platform's credentials.</summary>
internal sealed class AccessEvaluator(IKubernetes kube)
{
    public async Task<Outcome> EvaluateAsync(AccessCheck check, string ns, CancellationToken cancellationToken)
    {
        var user = check.User.Replace("$NAMESPACE", ns, StringComparison.Ordinal);
        var scope = check.Namespace is null ? ns : check.Namespace.Replace("$NAMESPACE", ns, StringComparison.Ordinal);
        var (resource, subresource) = check.Resource.Split('/', 2) is [var r, var s] ? (r, s) : (check.Resource, null);
        var groups = check.Groups.Count > 0 ? [.. check.Groups] : GroupsOf(user);
        var review = await kube.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec
            {
                User = user,
                Groups = groups,
                ResourceAttributes = new V1ResourceAttributes
                {
                    Verb = check.Verb,
                    Group = check.Group,
                    Resource = resource,
                    Subresource = subresource,
                    NamespaceProperty = scope.Length == 0 ? null : scope,
                    Name = check.Name,
                },
            },
        }, cancellationToken: cancellationToken);
        var allowed = review.Status?.Allowed == true;
        var what = $"{check.Verb} {check.Resource}{(check.Name is null ? "" : $" {check.Name}")}{(check.Group.Length > 0 ? $" ({check.Group})" : "")}{(scope.Length > 0 ? $" in namespace {scope}" : " cluster-wide")}";
        var reason = review.Status?.Reason is { Length: > 0 } r2 ? $" ({r2})" : "";
        var found = new JsonObject { ["allowed"] = allowed, ["reason"] = review.Status?.Reason, ["denied"] = review.Status?.Denied };
        var expected = check.Allowed ? "allowed" : "denied";
        if (allowed == check.Allowed)
            return Outcome.Pass($"{user} {(allowed ? "can" : "cannot")} {what}{reason}", expected, found);
        return Outcome.Fail($"expected {user} {(check.Allowed ? "to be allowed to" : "not to be allowed to")} {what}, but {(allowed ? "it is allowed" : "it is denied")}{reason}", expected, found);
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
