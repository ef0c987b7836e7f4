using System.Text.Json.Nodes;
using Labs.Cluster.Api;

namespace Labs.Cluster.Access;

/// <summary>
/// The self-review endpoints kubectl uses: <c>auth can-i</c> (SelfSubjectAccessReview), <c>auth can-i --list</c>
/// (SelfSubjectRulesReview) and <c>auth whoami</c> (SelfSubjectReview). Each takes the posted object and returns the
/// answer object; the caller answers it with 201 Created.
/// </summary>
public sealed partial class AccessReviews
{
    private readonly RbacAuthorizer _authorizer;

    /// <summary>Creates the reviews over <paramref name="authorizer"/>.</summary>
    public AccessReviews(RbacAuthorizer authorizer)
    {
        ArgumentNullException.ThrowIfNull(authorizer);
        _authorizer = authorizer;
    }

    /// <summary>
    /// Answers <c>POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews</c>: whether <paramref name="user"/> may do
    /// what <c>spec.resourceAttributes</c> (or <c>spec.nonResourceAttributes</c>) describe, in <c>status.allowed</c>.
    /// </summary>
    /// <exception cref="ApiException">422 when the spec names neither or both kinds of attributes.</exception>
    public JsonObject ReviewSelfSubjectAccess(UserInfo user, JsonObject? review)
    {
        ArgumentNullException.ThrowIfNull(user);
        var spec = JsonFields.Object(review, "spec") ?? new JsonObject();
        return Evaluate("SelfSubjectAccessReview", user, spec, new JsonObject { ["creationTimestamp"] = null });
    }

    /// <summary>Decides an access review's spec for <paramref name="user"/> and builds the answer object.</summary>
    private JsonObject Evaluate(string kind, UserInfo user, JsonObject spec, JsonObject metadata)
    {
        var resource = JsonFields.Object(spec, "resourceAttributes");
        var nonResource = JsonFields.Object(spec, "nonResourceAttributes");
        if ((resource is null) == (nonResource is null))
        {
            var message = resource is null
                ? "exactly one of nonResourceAttributes or resourceAttributes must be specified"
                : "cannot be specified in combination with resourceAttributes";
            var field = resource is null ? "spec.resourceAttributes" : "spec.nonResourceAttributes";
            throw Invalid(kind, "authorization.k8s.io", field, message);
        }

        var attributes = resource is not null
            ? RequestAttributes.ForResource(
                JsonFields.String(resource, "verb") is { Length: > 0 } verb ? verb : throw Invalid(kind, "authorization.k8s.io", "spec.resourceAttributes.verb", "Required value"),
                JsonFields.String(resource, "group") ?? "",
                JsonFields.String(resource, "resource") ?? "",
                JsonFields.String(resource, "namespace"),
                JsonFields.String(resource, "name"),
                JsonFields.String(resource, "subresource"),
                JsonFields.String(resource, "version"))
            : RequestAttributes.ForPath(
                JsonFields.String(nonResource, "verb") is { Length: > 0 } pathVerb ? pathVerb : throw Invalid(kind, "authorization.k8s.io", "spec.nonResourceAttributes.verb", "Required value"),
                JsonFields.String(nonResource, "path") ?? "");

        var decision = _authorizer.Authorize(user, attributes);
        var status = new JsonObject { ["allowed"] = decision.Allowed };
        if (decision.Reason.Length > 0)
        {
            status["reason"] = decision.Reason;
        }

        return new JsonObject
        {
            ["kind"] = kind,
            ["apiVersion"] = "authorization.k8s.io/v1",
            ["metadata"] = metadata,
            ["spec"] = spec.DeepClone(),
            ["status"] = status,
        };
    }

    /// <summary>Answers <c>POST /apis/authentication.k8s.io/v1/selfsubjectreviews</c> (<c>kubectl auth whoami</c>).</summary>
    public static JsonObject ReviewSelfSubject(UserInfo user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new JsonObject
        {
            ["kind"] = "SelfSubjectReview",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject { ["creationTimestamp"] = null },
            ["status"] = new JsonObject
            {
                ["userInfo"] = new JsonObject
                {
                    ["username"] = user.Name,
                    ["uid"] = user.Uid,
                    ["groups"] = JsonFields.ToArray(user.Groups),
                },
            },
        };
    }

    /// <summary>
    /// Answers <c>POST /apis/authentication.k8s.io/v1/tokenreviews</c>: who a bearer token belongs to, or that it is
    /// not valid here, with the spec echoed as kube-apiserver does.
    /// </summary>
    public static JsonObject ReviewToken(UserInfo? user, JsonObject? review)
    {
        var spec = JsonFields.Object(review, "spec")?.DeepClone().AsObject() ?? new JsonObject();
        if (JsonFields.String(spec, "token") is not { Length: > 0 })
        {
            throw ApiErrors.BadRequest("token is required for TokenReview in authentication");
        }

        var status = user is null
            ? new JsonObject { ["user"] = new JsonObject(), ["error"] = "[invalid bearer token, token lookup failed]" }
            : new JsonObject
            {
                ["authenticated"] = true,
                ["user"] = new JsonObject { ["username"] = user.Name, ["uid"] = user.Uid, ["groups"] = JsonFields.ToArray(user.Groups) },
                ["audiences"] = JsonFields.ToArray(["https://kubernetes.default.svc.cluster.local"]),
            };
        return new JsonObject
        {
            ["kind"] = "TokenReview",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject { ["creationTimestamp"] = null },
            ["spec"] = spec,
            ["status"] = status,
        };
    }

    /// <summary>
    /// Answers <c>POST /apis/authorization.k8s.io/v1/selfsubjectrulesreviews</c> (<c>kubectl auth can-i --list</c>):
    /// every rule granted to <paramref name="user"/> in <c>spec.namespace</c>.
    /// </summary>
    public JsonObject ReviewSelfSubjectRules(UserInfo user, JsonObject? review)
    {
        ArgumentNullException.ThrowIfNull(user);
        var spec = JsonFields.Object(review, "spec") ?? new JsonObject();
        var resourceRules = new JsonArray();
        var nonResourceRules = new JsonArray();
        if (user.IsInGroup(UserInfo.MastersGroup))
        {
            resourceRules.Add(new JsonObject { ["verbs"] = JsonFields.ToArray(["*"]), ["apiGroups"] = JsonFields.ToArray(["*"]), ["resources"] = JsonFields.ToArray(["*"]) });
            nonResourceRules.Add(new JsonObject { ["verbs"] = JsonFields.ToArray(["*"]), ["nonResourceURLs"] = JsonFields.ToArray(["*"]) });
        }

        foreach (var grant in _authorizer.GrantsFor(user, JsonFields.String(spec, "namespace") ?? ""))
        {
            foreach (var rule in grant.Rules)
            {
                var target = rule.ContainsKey("nonResourceURLs") ? nonResourceRules : resourceRules;
                target.Add(rule.DeepClone());
            }
        }

        return new JsonObject
        {
            ["kind"] = "SelfSubjectRulesReview",
            ["apiVersion"] = "authorization.k8s.io/v1",
            ["metadata"] = new JsonObject { ["creationTimestamp"] = null },
            ["spec"] = spec.DeepClone(),
            ["status"] = new JsonObject { ["resourceRules"] = resourceRules, ["nonResourceRules"] = nonResourceRules, ["incomplete"] = false },
        };
    }

    private static ApiException Invalid(string kind, string group, string field, string message) =>
        new(422, "Invalid", $"{kind}.{group} \"\" is invalid: {field}: {message}", new JsonObject
        {
            ["group"] = group,
            ["kind"] = kind,
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueInvalid", ["message"] = message, ["field"] = field }),
        });
}
