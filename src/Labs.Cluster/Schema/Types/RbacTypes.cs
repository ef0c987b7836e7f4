namespace Labs.Cluster.Schema.Types;

/// <summary>rbac.authorization.k8s.io/v1, authentication.k8s.io/v1 TokenRequest and autoscaling/v1 Scale.</summary>
internal static class RbacTypes
{
    public const string Text = """
P rbac.v1
T Role gvk=rbac.authorization.k8s.io/v1/Role | A namespaced, logical grouping of PolicyRules referenced as a unit by a RoleBinding.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  rules 2 []PolicyRule | All the PolicyRules for this Role.
T ClusterRole gvk=rbac.authorization.k8s.io/v1/ClusterRole | A cluster-level grouping of PolicyRules referenced by RoleBindings and ClusterRoleBindings.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  rules 2 []PolicyRule | All the PolicyRules for this ClusterRole.
  aggregationRule 3 AggregationRule * | How to build the rules from other ClusterRoles; when set, rules are controller-managed.
T AggregationRule | Describes how to locate ClusterRoles to aggregate.
  clusterRoleSelectors 1 []meta.LabelSelector | Selectors of ClusterRoles whose rules are aggregated.
T PolicyRule | Actions allowed on a set of resources or non-resource URLs.
  verbs 1 []s ! | Verbs that apply, e.g. get, list, watch, create; '*' means all.
  apiGroups 2 []s | API groups of the resources; "" is the core group, '*' means all.
  resources 3 []s | Resources the rule applies to; '*' means all.
  resourceNames 4 []s | Optional allow-list of object names.
  nonResourceURLs 5 []s | Partial URLs a user may access, e.g. /healthz (ClusterRoles only).
T RoleBinding gvk=rbac.authorization.k8s.io/v1/RoleBinding | Grants the permissions of a Role or ClusterRole to subjects within a namespace.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  subjects 2 []Subject | References to the objects the role applies to.
  roleRef 3 RoleRef ! | The Role or ClusterRole being granted; cannot be updated.
T ClusterRoleBinding gvk=rbac.authorization.k8s.io/v1/ClusterRoleBinding | Grants the permissions of a ClusterRole to subjects cluster-wide.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  subjects 2 []Subject | References to the objects the role applies to.
  roleRef 3 RoleRef ! | The ClusterRole being granted; cannot be updated.
T Subject | A reference to a user, group or service account.
  kind 1 s ! | User, Group or ServiceAccount.
  apiGroup 2 s | rbac.authorization.k8s.io for User and Group, "" for ServiceAccount.
  name 3 s ! | Name of the object being referenced.
  namespace 4 s | Namespace of a ServiceAccount subject.
T RoleRef | The role being referenced.
  apiGroup 1 s ! | API group of the referenced role.
  kind 2 s ! | Role or ClusterRole.
  name 3 s ! | Name of the referenced role.
P authentication.v1
T TokenRequest gvk=authentication.k8s.io/v1/TokenRequest | Requests a token for a service account.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 TokenRequestSpec ! | Parameters of the requested token.
  status 3 TokenRequestStatus | The issued token.
T TokenRequestSpec | Parameters of a token request.
  audiences 1 []s ! | Intended audiences of the token.
  expirationSeconds 4 i64 * | Requested lifetime of the token.
  boundObjectRef 3 BoundObjectReference * | Object the token is bound to; the token is invalid once it is deleted.
T BoundObjectReference | A reference to an object a token is bound to.
  kind 1 s | Pod or Secret.
  apiVersion 2 s | API version of the referent.
  name 3 s | Name of the referent.
  uid 4 s | UID of the referent.
T TokenRequestStatus | The result of a token request.
  token 1 s ! | The opaque bearer token.
  expirationTimestamp 2 time ! | Time the token expires.
P autoscaling.v1
T Scale gvk=autoscaling/v1/Scale | A scaling request for a resource.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 ScaleSpec | Desired behavior of the scale.
  status 3 ScaleStatus | Current status of the scale.
T ScaleSpec | Attributes of a scale subresource.
  replicas 1 i32 | Desired number of instances for the scaled object.
T ScaleStatus | Current status of a scale subresource.
  replicas 1 i32 ! | Actual number of observed instances.
  selector 2 s | Label query over pods, in string form.
""";
}
