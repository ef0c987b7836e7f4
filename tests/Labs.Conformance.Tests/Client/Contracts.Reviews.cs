using k8s;
using k8s.Models;

namespace Labs.Conformance.Tests.Client;

public static partial class Contracts
{
    private static readonly KindContract[] s_reviews =
    [
        new ReviewContractOf<V1SelfSubjectAccessReview>
        {
            Group = "authorization.k8s.io", Plural = "selfsubjectaccessreviews", KindName = "SelfSubjectAccessReview",
            Manifest = ns => new V1SelfSubjectAccessReview
            {
                ApiVersion = "authorization.k8s.io/v1", Kind = "SelfSubjectAccessReview",
                Spec = new V1SelfSubjectAccessReviewSpec { ResourceAttributes = new V1ResourceAttributes { NamespaceProperty = ns, Verb = "create", Resource = "pods" } },
            },
            Create = (k, o, c) => k.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(o, cancellationToken: c),
            Check = review => Assert.True(review.Status.Allowed, "the admin may create pods"),
        },
        new ReviewContractOf<V1SelfSubjectRulesReview>
        {
            Group = "authorization.k8s.io", Plural = "selfsubjectrulesreviews", KindName = "SelfSubjectRulesReview",
            Manifest = ns => new V1SelfSubjectRulesReview { ApiVersion = "authorization.k8s.io/v1", Kind = "SelfSubjectRulesReview", Spec = new V1SelfSubjectRulesReviewSpec { NamespaceProperty = ns } },
            Create = (k, o, c) => k.AuthorizationV1.CreateSelfSubjectRulesReviewAsync(o, cancellationToken: c),
            Check = review => Assert.NotEmpty(review.Status.ResourceRules),
        },
        new ReviewContractOf<V1SelfSubjectReview>
        {
            Group = "authentication.k8s.io", Plural = "selfsubjectreviews", KindName = "SelfSubjectReview",
            Manifest = _ => new V1SelfSubjectReview { ApiVersion = "authentication.k8s.io/v1", Kind = "SelfSubjectReview" },
            Create = (k, o, c) => k.AuthenticationV1.CreateSelfSubjectReviewAsync(o, cancellationToken: c),
            Check = review => Assert.False(string.IsNullOrEmpty(review.Status.UserInfo.Username)),
        },
    ];
}
