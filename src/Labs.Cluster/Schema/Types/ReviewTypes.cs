namespace Labs.Cluster.Schema.Types;

/// <summary>authorization.k8s.io/v1 access reviews and authentication.k8s.io/v1 SelfSubjectReview and TokenReview.</summary>
internal static class ReviewTypes
{
    public const string Text = """
P authorization.v1
T SelfSubjectAccessReview gvk=authorization.k8s.io/v1/SelfSubjectAccessReview | Checks whether the current user can perform an action.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 SelfSubjectAccessReviewSpec ! | The action being checked.
  status 3 SubjectAccessReviewStatus | Whether the request is allowed, filled in by the server.
T SelfSubjectAccessReviewSpec | The action to check; exactly one of resourceAttributes and nonResourceAttributes.
  resourceAttributes 1 ResourceAttributes * | A resource request.
  nonResourceAttributes 2 NonResourceAttributes * | A non-resource request.
T ResourceAttributes | A resource request for an authorizer.
  namespace 1 s | Namespace of the action; empty for all namespaces.
  verb 2 s | Kubernetes resource API verb, e.g. get, list, watch, create.
  group 3 s | API group of the resource; '*' means all.
  version 4 s | API version of the resource; '*' means all.
  resource 5 s | Existing resource kind; '*' means all.
  subresource 6 s | Existing subresource; '' means none.
  name 7 s | Name of the resource; '' means all.
  fieldSelector 8 FieldSelectorAttributes * | Field selector of the request.
  labelSelector 9 LabelSelectorAttributes * | Label selector of the request.
T FieldSelectorAttributes | A field selector.
  rawSelector 1 s | The selector as written.
  requirements 2 []FieldSelectorRequirement | The parsed requirements.
T FieldSelectorRequirement | One field selector requirement.
  key 1 s ! | Field selector key.
  operator 2 s ! | In, NotIn, Exists or DoesNotExist.
  values 3 []s | Values.
T LabelSelectorAttributes | A label selector.
  rawSelector 1 s | The selector as written.
  requirements 2 []meta.LabelSelectorRequirement | The parsed requirements.
T NonResourceAttributes | A non-resource request for an authorizer.
  path 1 s | URL path of the request.
  verb 2 s | Standard HTTP verb.
T SubjectAccessReviewStatus | The result of an access review.
  allowed 1 b ! | True if the action would be allowed.
  denied 4 b | True if the action would be denied.
  reason 2 s | Why the request was allowed or denied.
  evaluationError 3 s | An error while checking authorization.
T SubjectAccessReview gvk=authorization.k8s.io/v1/SubjectAccessReview | Checks whether a user or group can perform an action.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 SubjectAccessReviewSpec ! | The action and the user being checked.
  status 3 SubjectAccessReviewStatus | Whether the request is allowed, filled in by the server.
T LocalSubjectAccessReview gvk=authorization.k8s.io/v1/LocalSubjectAccessReview | Checks whether a user or group can perform an action in a namespace.
  metadata 1 meta.ObjectMeta | Standard object metadata; the namespace is the one checked.
  spec 2 SubjectAccessReviewSpec ! | The action and the user being checked.
  status 3 SubjectAccessReviewStatus | Whether the request is allowed, filled in by the server.
T SubjectAccessReviewSpec | The action to check and whose it is; exactly one of resourceAttributes and nonResourceAttributes.
  resourceAttributes 1 ResourceAttributes * | A resource request.
  nonResourceAttributes 2 NonResourceAttributes * | A non-resource request.
  user 3 s | The user to check.
  groups 4 []s | The groups to check.
  extra 5 {}ExtraValue | Extra attributes of the user.
  uid 6 s | The user's uid.
T ExtraValue list | A list of strings (shown in JSON as a plain array).
  items 1 []s | The values.
T SelfSubjectRulesReview gvk=authorization.k8s.io/v1/SelfSubjectRulesReview | Lists the actions the current user can perform in a namespace.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 SelfSubjectRulesReviewSpec ! | The namespace to check.
  status 3 SubjectRulesReviewStatus | The rules, filled in by the server.
T SelfSubjectRulesReviewSpec | The namespace to evaluate rules in.
  namespace 1 s | Namespace to evaluate rules for.
T SubjectRulesReviewStatus | The rule set of a user in a namespace.
  resourceRules 1 []ResourceRule ! | Allowed actions on resources.
  nonResourceRules 2 []NonResourceRule ! | Allowed actions on non-resources.
  incomplete 3 b ! | True when the list may be incomplete.
  evaluationError 4 s | Errors while evaluating rules.
T ResourceRule | Allowed actions on resources.
  verbs 1 []s ! | Verbs.
  apiGroups 2 []s | API groups.
  resources 3 []s | Resources.
  resourceNames 4 []s | Resource names.
T NonResourceRule | Allowed actions on non-resource URLs.
  verbs 1 []s ! | Verbs.
  nonResourceURLs 2 []s | URL paths.
P authentication.v1
T SelfSubjectReview gvk=authentication.k8s.io/v1/SelfSubjectReview | Returns the user attributes the server sees for the current request.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  status 2 SelfSubjectReviewStatus | The user attributes, filled in by the server.
T SelfSubjectReviewStatus | The user attributes of the current user.
  userInfo 1 UserInfo | The user.
T TokenReview gvk=authentication.k8s.io/v1/TokenReview | Authenticates a token and returns its user.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 TokenReviewSpec ! | The token to check.
  status 3 TokenReviewStatus | Whether the token is valid and whose it is, filled in by the server.
T TokenReviewSpec | A token to authenticate.
  token 1 s | The opaque bearer token.
  audiences 2 []s | Audiences the resource server accepts the token for.
T TokenReviewStatus | The result of a token review.
  authenticated 1 b | Whether the token is valid.
  user 2 UserInfo | The user the token belongs to.
  audiences 4 []s | The requested audiences the token is valid for.
  error 3 s | Why the token could not be checked.
T UserInfo | Information about a user.
  username 1 s | Name that uniquely identifies this user.
  uid 2 s | Unique value that identifies the user across time.
  groups 3 []s | Groups the user belongs to.
  extra 4 {}ExtraValue | Extra information from the authenticator.
T ExtraValue list | A list of strings (shown in JSON as a plain array).
  items 1 []s | The values.
""";
}
