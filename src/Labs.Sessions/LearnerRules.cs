using k8s.Models;

namespace Labs.Sessions;

/// <summary>
/// The rules of the learner's Role. RBAC cannot subtract, so instead of <c>*</c> on everything the core group's
/// resources are listed one by one; ResourceQuotas and LimitRanges may be read and created (a quota or range only ever
/// adds limits, and labs teach <c>kubectl create quota</c>) but never changed or deleted, which keeps the budget's own
/// in force. Roles and RoleBindings get every verb but <c>escalate</c> and <c>bind</c> (either
/// would let the learner grant themselves the budget back), and every other built-in API group is granted whole. A lab
/// that brings its own CustomResourceDefinitions adds its group here.
/// </summary>
internal static class LearnerRules
{
    /// <summary>Core resources (and subresources) the learner may do anything with.</summary>
    private static readonly string[] CoreResources =
    [
        "bindings", "configmaps", "endpoints", "events", "persistentvolumeclaims",
        "pods", "pods/attach", "pods/binding", "pods/ephemeralcontainers", "pods/eviction", "pods/exec", "pods/log",
        "pods/portforward", "pods/proxy", "pods/status", "podtemplates",
        "replicationcontrollers", "replicationcontrollers/scale", "replicationcontrollers/status",
        "secrets", "serviceaccounts", "serviceaccounts/token", "services", "services/proxy", "services/status",
    ];

    /// <summary>Limits: visible and addable, not changeable.</summary>
    private static readonly string[] BudgetResources = ["limitranges", "resourcequotas"];

    /// <summary>Every built-in group with namespaced resources, plus metrics for <c>kubectl top</c>.</summary>
    private static readonly string[] OtherGroups =
    [
        "apps", "autoscaling", "batch", "policy", "networking.k8s.io", "coordination.k8s.io",
        "discovery.k8s.io", "events.k8s.io", "storage.k8s.io", "authorization.k8s.io", "metrics.k8s.io",
    ];

    /// <summary>Every verb of a namespaced resource except the RBAC escape hatches <c>escalate</c> and <c>bind</c>.</summary>
    private static readonly string[] EditVerbs = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];

    public static List<V1PolicyRule> All() =>
    [
        Rule([""], CoreResources, ["*"]),
        Rule([""], BudgetResources, ["get", "list", "watch", "create"]),
        Rule([""], ["resourcequotas/status"], ["get", "list", "watch"]),
        Rule(["rbac.authorization.k8s.io"], ["roles", "rolebindings"], EditVerbs),
        Rule(OtherGroups, ["*"], ["*"]),
    ];

    private static V1PolicyRule Rule(string[] groups, string[] resources, string[] verbs) =>
        new() { ApiGroups = [.. groups], Resources = [.. resources], Verbs = [.. verbs] };
}
