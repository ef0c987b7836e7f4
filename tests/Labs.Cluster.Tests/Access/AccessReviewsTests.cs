using System.Text.Json.Nodes;
using Labs.Cluster.Access;
using Labs.Cluster.Api;
using static Labs.Cluster.Tests.Access.AccessTestCluster;

namespace Labs.Cluster.Tests.Access;

public sealed class AccessReviewsTests
{
    private static readonly UserInfo Learner = ServiceAccountUser("ns1", "learner");

    private static JsonObject CanI(string verb, string resource, string? ns, string group = "", string? subresource = null)
    {
        var attributes = new JsonObject { ["verb"] = verb, ["group"] = group, ["resource"] = resource };
        if (ns is not null)
        {
            attributes["namespace"] = ns;
        }

        if (subresource is not null)
        {
            attributes["subresource"] = subresource;
        }

        return new JsonObject
        {
            ["apiVersion"] = "authorization.k8s.io/v1",
            ["kind"] = "SelfSubjectAccessReview",
            ["spec"] = new JsonObject { ["resourceAttributes"] = attributes },
        };
    }

    private static AccessReviews ReviewsWithPodReader(AccessTestCluster cluster)
    {
        cluster.Role("ns1", "pod-reader", Rule(["get", "list"], [""], ["pods"]));
        cluster.RoleBinding("ns1", "learner-reads", "Role", "pod-reader", Subject("ServiceAccount", "learner"));
        return new AccessReviews(new RbacAuthorizer(cluster.Store));
    }

    [Fact]
    public void Can_i_answers_allowed_with_the_reason_for_a_granted_action()
    {
        using var cluster = new AccessTestCluster();
        var reviews = ReviewsWithPodReader(cluster);

        var answer = reviews.ReviewSelfSubjectAccess(Learner, CanI("list", "pods", "ns1"));

        Assert.Equal("SelfSubjectAccessReview", (string?)answer["kind"]);
        Assert.Equal("authorization.k8s.io/v1", (string?)answer["apiVersion"]);
        Assert.True((bool)answer["status"]!["allowed"]!);
        Assert.Contains("RoleBinding \"learner-reads/ns1\"", (string?)answer["status"]!["reason"], StringComparison.Ordinal);
        Assert.Equal("pods", (string?)answer["spec"]!["resourceAttributes"]!["resource"]);
    }

    [Fact]
    public void Can_i_answers_not_allowed_elsewhere_and_for_other_verbs()
    {
        using var cluster = new AccessTestCluster();
        var reviews = ReviewsWithPodReader(cluster);

        Assert.False((bool)reviews.ReviewSelfSubjectAccess(Learner, CanI("list", "pods", "ns2"))["status"]!["allowed"]!);
        Assert.False((bool)reviews.ReviewSelfSubjectAccess(Learner, CanI("delete", "pods", "ns1"))["status"]!["allowed"]!);
        Assert.False((bool)reviews.ReviewSelfSubjectAccess(Learner, CanI("create", "pods", "ns1", subresource: "exec"))["status"]!["allowed"]!);
        Assert.False((bool)reviews.ReviewSelfSubjectAccess(Learner, CanI("*", "*", "ns1", "*"))["status"]!["allowed"]!);
    }

    [Fact]
    public void Can_i_evaluates_non_resource_paths()
    {
        using var cluster = new AccessTestCluster();
        var reviews = ReviewsWithPodReader(cluster);
        var review = new JsonObject
        {
            ["spec"] = new JsonObject { ["nonResourceAttributes"] = new JsonObject { ["verb"] = "get", ["path"] = "/version" } },
        };

        Assert.True((bool)reviews.ReviewSelfSubjectAccess(Learner, review)["status"]!["allowed"]!);
    }

    [Fact]
    public void A_review_without_attributes_is_Invalid()
    {
        using var cluster = new AccessTestCluster();
        var reviews = ReviewsWithPodReader(cluster);

        var error = Assert.Throws<ApiException>(() => reviews.ReviewSelfSubjectAccess(Learner, new JsonObject { ["spec"] = new JsonObject() }));

        Assert.Equal(422, error.Code);
        Assert.Contains("exactly one of nonResourceAttributes or resourceAttributes must be specified", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Whoami_reports_the_user_uid_and_groups()
    {
        var answer = AccessReviews.ReviewSelfSubject(Learner);

        Assert.Equal("SelfSubjectReview", (string?)answer["kind"]);
        Assert.Equal("authentication.k8s.io/v1", (string?)answer["apiVersion"]);
        var info = answer["status"]!["userInfo"]!;
        Assert.Equal("system:serviceaccount:ns1:learner", (string?)info["username"]);
        Assert.Equal("uid-learner", (string?)info["uid"]);
        Assert.Equal(3, info["groups"]!.AsArray().Count);
    }

    [Fact]
    public void The_rules_review_lists_the_rules_granted_in_the_namespace()
    {
        using var cluster = new AccessTestCluster();
        var reviews = ReviewsWithPodReader(cluster);
        var review = new JsonObject { ["spec"] = new JsonObject { ["namespace"] = "ns1" } };

        var status = reviews.ReviewSelfSubjectRules(Learner, review)["status"]!;

        var resources = status["resourceRules"]!.AsArray().Select(r => r!["resources"]!.ToJsonString()).ToList();
        Assert.Contains("[\"pods\"]", resources);
        Assert.NotEmpty(status["nonResourceRules"]!.AsArray());
        Assert.False((bool)status["incomplete"]!);
    }

    [Fact]
    public void A_subject_access_review_answers_for_the_named_service_account()
    {
        using var cluster = new AccessTestCluster();
        var reviews = ReviewsWithPodReader(cluster);
        var review = CanI("list", "pods", "ns1");
        review["kind"] = "SubjectAccessReview";
        review["spec"]!["user"] = "system:serviceaccount:ns1:learner";

        var answer = reviews.ReviewSubjectAccess(review);

        Assert.Equal("SubjectAccessReview", (string?)answer["kind"]);
        Assert.True((bool)answer["status"]!["allowed"]!);
        review["spec"]!["user"] = "system:serviceaccount:ns1:other";
        Assert.False((bool)reviews.ReviewSubjectAccess(review)["status"]!["allowed"]!);
    }

    [Fact]
    public void A_local_subject_access_review_is_held_to_its_namespace()
    {
        using var cluster = new AccessTestCluster();
        var reviews = ReviewsWithPodReader(cluster);
        var review = CanI("list", "pods", null);
        review["spec"]!["user"] = "system:serviceaccount:ns1:learner";

        var answer = reviews.ReviewSubjectAccess(review, "ns1");

        Assert.Equal("LocalSubjectAccessReview", (string?)answer["kind"]);
        Assert.Equal("ns1", (string?)answer["metadata"]!["namespace"]);
        Assert.True((bool)answer["status"]!["allowed"]!);
        var elsewhere = CanI("list", "pods", "ns2");
        elsewhere["spec"]!["user"] = "system:serviceaccount:ns1:learner";
        Assert.Equal(422, Assert.Throws<ApiException>(() => reviews.ReviewSubjectAccess(elsewhere, "ns1")).Code);
    }

    [Fact]
    public void A_subject_access_review_without_a_subject_is_Invalid()
    {
        using var cluster = new AccessTestCluster();
        var reviews = ReviewsWithPodReader(cluster);

        var error = Assert.Throws<ApiException>(() => reviews.ReviewSubjectAccess(CanI("list", "pods", "ns1")));

        Assert.Equal(422, error.Code);
        Assert.Contains("at least one of user or group must be specified", error.Message, StringComparison.Ordinal);
    }
}
