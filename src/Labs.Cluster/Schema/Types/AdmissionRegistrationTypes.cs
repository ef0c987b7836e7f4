namespace Labs.Cluster.Schema.Types;

/// <summary>admissionregistration.k8s.io/v1 webhook configurations and ValidatingAdmissionPolicy with its bindings.</summary>
internal static class AdmissionRegistrationTypes
{
    public const string Text = """
P admissionregistration.v1
T ValidatingWebhookConfiguration gvk=admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration | Webhooks that may accept or reject objects without changing them.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  webhooks 2 []ValidatingWebhook mk=name ps=merge | The webhooks and what they apply to.
T MutatingWebhookConfiguration gvk=admissionregistration.k8s.io/v1/MutatingWebhookConfiguration | Webhooks that may accept, reject and change objects.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  webhooks 2 []MutatingWebhook mk=name ps=merge | The webhooks and what they apply to.
T ValidatingWebhook | A validating admission webhook and the requests it is sent.
  name 1 s ! | Fully qualified name of the webhook, e.g. imagepolicy.example.com.
  clientConfig 2 WebhookClientConfig ! | How to call the webhook.
  rules 3 []RuleWithOperations | Operations and resources the webhook cares about.
  failurePolicy 4 s * | Ignore or Fail (default) when the call fails.
  matchPolicy 9 s * | Exact or Equivalent (default): how rules match other versions of a resource.
  namespaceSelector 5 meta.LabelSelector * | Only objects in namespaces with matching labels.
  objectSelector 10 meta.LabelSelector * | Only objects with matching labels.
  sideEffects 6 s * ! | None or NoneOnDryRun.
  timeoutSeconds 7 i32 * | Timeout of a call, 1 to 30 seconds; defaults to 10.
  admissionReviewVersions 8 []s ! | AdmissionReview versions the webhook accepts, in order of preference.
  matchConditions 11 []MatchCondition mk=name ps=merge | CEL conditions a request must meet to be sent.
T MutatingWebhook | A mutating admission webhook and the requests it is sent.
  name 1 s ! | Fully qualified name of the webhook.
  clientConfig 2 WebhookClientConfig ! | How to call the webhook.
  rules 3 []RuleWithOperations | Operations and resources the webhook cares about.
  failurePolicy 4 s * | Ignore or Fail (default) when the call fails.
  matchPolicy 9 s * | Exact or Equivalent (default).
  namespaceSelector 5 meta.LabelSelector * | Only objects in namespaces with matching labels.
  objectSelector 11 meta.LabelSelector * | Only objects with matching labels.
  sideEffects 6 s * ! | None or NoneOnDryRun.
  timeoutSeconds 7 i32 * | Timeout of a call, 1 to 30 seconds; defaults to 10.
  admissionReviewVersions 8 []s ! | AdmissionReview versions the webhook accepts.
  reinvocationPolicy 10 s * | Never (default) or IfNeeded.
  matchConditions 12 []MatchCondition mk=name ps=merge | CEL conditions a request must meet to be sent.
T RuleWithOperations | Operations on resources.
  operations 1 []s | CREATE, UPDATE, DELETE, CONNECT or *.
  rule 2 Rule ^ | The resources.
T Rule | Resources by group, version and name.
  apiGroups 1 []s | API groups; * for all.
  apiVersions 2 []s | API versions; * for all.
  resources 3 []s | Resources, e.g. pods, pods/status, */scale; * for all.
  scope 4 s * | Cluster, Namespaced or * (default).
T WebhookClientConfig | How to reach a webhook: a URL or a Service.
  url 3 s * | URL of the webhook, https://host[:port]/path.
  service 1 ServiceReference * | A Service in the cluster.
  caBundle 2 bytes | PEM CA bundle to verify the webhook's certificate.
T ServiceReference | A Service that hosts a webhook.
  namespace 1 s ! | Namespace of the Service.
  name 2 s ! | Name of the Service.
  path 3 s * | URL path of requests.
  port 4 i32 * | Port of the Service; defaults to 443.
T MatchCondition | A CEL condition on the admission request.
  name 1 s ! | Identifier of the condition.
  expression 2 s ! | CEL expression that must be true.
T ValidatingAdmissionPolicy gvk=admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy | CEL validations applied to requests by the API server itself.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 ValidatingAdmissionPolicySpec | What the policy checks.
  status 3 ValidatingAdmissionPolicyStatus | Results of type-checking the policy.
T ValidatingAdmissionPolicySpec | What a ValidatingAdmissionPolicy checks.
  paramKind 1 ParamKind * | Kind of the parameter objects bindings refer to.
  matchConstraints 2 MatchResources * | Requests the policy may apply to.
  validations 3 []Validation | CEL expressions requests must satisfy.
  failurePolicy 4 s * | Ignore or Fail (default) when an expression errors.
  auditAnnotations 5 []AuditAnnotation | Annotations added to the audit event.
  matchConditions 6 []MatchCondition mk=name ps=merge | CEL conditions a request must meet.
  variables 7 []Variable mk=name ps=merge | Named CEL expressions usable in the others.
T ParamKind | Kind of a policy's parameter objects.
  apiVersion 1 s | API group/version of the kind.
  kind 2 s | Kind of the parameter objects.
T MatchResources | Requests by namespace, object and resource.
  namespaceSelector 1 meta.LabelSelector * | Only objects in namespaces with matching labels.
  objectSelector 2 meta.LabelSelector * | Only objects with matching labels.
  resourceRules 3 []NamedRuleWithOperations | Operations and resources that match.
  excludeResourceRules 4 []NamedRuleWithOperations | Operations and resources that never match.
  matchPolicy 7 s * | Exact or Equivalent (default).
T NamedRuleWithOperations | Operations on resources, optionally by name.
  resourceNames 1 []s | Names of the objects; empty for all.
  ruleWithOperations 2 RuleWithOperations ^ | The operations and resources.
T Validation | A CEL expression a request must satisfy.
  expression 1 s ! | CEL expression over object, oldObject, request and params.
  message 2 s | Message shown when it fails.
  reason 3 s * | Unauthorized, Forbidden, Invalid or RequestEntityTooLarge.
  messageExpression 4 s | CEL expression that builds the message.
T AuditAnnotation | An annotation added to the audit event.
  key 1 s ! | Annotation key, qualified by the policy's name.
  valueExpression 2 s ! | CEL expression that builds the value.
T Variable | A named CEL expression.
  name 1 s ! | Name used as variables.<name>.
  expression 2 s ! | The CEL expression.
T ValidatingAdmissionPolicyStatus | Results of type-checking a policy.
  observedGeneration 1 i64 | The generation that was checked.
  typeChecking 2 TypeChecking * | Warnings from type-checking the expressions.
  conditions 3 []meta.Condition mk=type ps=merge | Conditions of the policy.
T TypeChecking | Type-checking results.
  expressionWarnings 1 []ExpressionWarning | One warning per expression that failed.
T ExpressionWarning | A type-checking warning.
  fieldRef 2 s ! | Path of the expression.
  warning 3 s ! | What is wrong with it.
T ValidatingAdmissionPolicyBinding gvk=admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding | Applies a ValidatingAdmissionPolicy to resources, with parameters.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 ValidatingAdmissionPolicyBindingSpec | Which policy, where, and with what parameters.
T ValidatingAdmissionPolicyBindingSpec | What a binding applies.
  policyName 1 s | Name of the ValidatingAdmissionPolicy.
  paramRef 2 ParamRef * | The parameter objects.
  matchResources 3 MatchResources * | Narrows the requests the policy applies to.
  validationActions 4 []s | Deny, Warn and/or Audit: what a failed validation does.
T ParamRef | Parameter objects of a binding.
  name 1 s | Name of a single parameter object.
  namespace 2 s | Namespace of the parameter objects.
  selector 3 meta.LabelSelector * | Labels of the parameter objects.
  parameterNotFoundAction 4 s * | Allow or Deny when no parameter object exists.
""";
}
