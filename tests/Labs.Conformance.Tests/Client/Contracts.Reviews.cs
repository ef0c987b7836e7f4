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
        new ReviewContractOf<V1SubjectAccessReview>
        {
            Group = "authorization.k8s.io", Plural = "subjectaccessreviews", KindName = "SubjectAccessReview",
            Manifest = ns => new V1SubjectAccessReview
            {
                ApiVersion = "authorization.k8s.io/v1", Kind = "SubjectAccessReview",
                Spec = new V1SubjectAccessReviewSpec
                {
                    User = $"system:serviceaccount:{ns}:default",
                    ResourceAttributes = new V1ResourceAttributes { NamespaceProperty = ns, Verb = "delete", Resource = "secrets" },
                },
            },
            Create = (k, o, c) => k.AuthorizationV1.CreateSubjectAccessReviewAsync(o, cancellationToken: c),
            Check = review => Assert.False(review.Status.Allowed, "a namespace's default ServiceAccount may not delete secrets"),
        },
        new ReviewContractOf<V1LocalSubjectAccessReview>
        {
            Group = "authorization.k8s.io", Plural = "localsubjectaccessreviews", KindName = "LocalSubjectAccessReview", Namespaced = true,
            Manifest = ns => new V1LocalSubjectAccessReview
            {
                ApiVersion = "authorization.k8s.io/v1", Kind = "LocalSubjectAccessReview", Metadata = new V1ObjectMeta { NamespaceProperty = ns },
                Spec = new V1SubjectAccessReviewSpec
                {
                    Groups = ["system:masters"],
                    ResourceAttributes = new V1ResourceAttributes { Verb = "delete", Resource = "secrets" },
                },
            },
            Create = (k, o, c) => k.AuthorizationV1.CreateNamespacedLocalSubjectAccessReviewAsync(o, o.Metadata.NamespaceProperty, cancellationToken: c),
            Check = review => Assert.True(review.Status.Allowed, "system:masters may do everything"),
        },
        new ReviewContractOf<V1TokenReview>
        {
            Group = "authentication.k8s.io", Plural = "tokenreviews", KindName = "TokenReview",
            Manifest = _ => new V1TokenReview { ApiVersion = "authentication.k8s.io/v1", Kind = "TokenReview", Spec = new V1TokenReviewSpec { Token = "not-a-token" } },
            Create = (k, o, c) => k.AuthenticationV1.CreateTokenReviewAsync(o, cancellationToken: c),
            Check = review => Assert.NotEqual(true, review.Status.Authenticated),
        },
    ];
}
