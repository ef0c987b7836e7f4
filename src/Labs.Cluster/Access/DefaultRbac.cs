using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Access;

/// <summary>
/// The user-facing default ClusterRoles a real cluster ships (<c>cluster-admin</c>, <c>admin</c>, <c>edit</c>,
/// <c>view</c>, aggregated from <c>system:aggregate-to-*</c> as in Kubernetes), and the <c>cluster-admin</c> binding of
/// <c>system:masters</c>. Lessons and exam tasks bind them (<c>kubectl create rolebinding --clusterrole=view</c>), so
/// they must exist for those bindings to grant anything.
/// </summary>
public static class DefaultRbac
{
    private const string AggregateLabelPrefix = "rbac.authorization.k8s.io/aggregate-to-";
    private static readonly string[] Read = ["get", "list", "watch"];
    private static readonly string[] Write = ["create", "delete", "deletecollection", "patch", "update"];

    /// <summary>
    /// The default ClusterRoles and ClusterRoleBindings, as fresh objects; the aggregated roles carry their aggregated
    /// rules already, as the aggregation controller of a real cluster would have filled them.
    /// </summary>
    public static IReadOnlyList<(GroupResource Resource, JsonObject Object)> Objects()
    {
        var objects = Definitions();
        foreach (var (_, role) in objects)
        {
            var selector = JsonFields.Object(role, "aggregationRule") is { } rule
                ? JsonFields.Objects(rule, "clusterRoleSelectors").Select(s => JsonFields.Object(s, "matchLabels")).FirstOrDefault()
                : null;
            if (selector is null || role["rules"] is not JsonArray rules)
            {
                continue;
            }

            foreach (var (_, candidate) in objects)
            {
                var labels = JsonFields.Object(JsonFields.Object(candidate, "metadata"), "labels");
                if (selector.All(pair => JsonFields.String(labels, pair.Key) == pair.Value?.ToString()))
                {
                    foreach (var aggregated in JsonFields.Objects(candidate, "rules"))
                    {
                        rules.Add(aggregated.DeepClone());
                    }
                }
            }
        }

        return objects;
    }

    private static List<(GroupResource Resource, JsonObject Object)> Definitions() =>
    [
        (RbacAuthorizer.ClusterRoles, Role("cluster-admin", null, null,
            Rule(["*"], ["*"], ["*"]),
            new JsonObject { ["verbs"] = Array(["*"]), ["nonResourceURLs"] = Array(["*"]) })),
        (RbacAuthorizer.ClusterRoles, Role("admin", "admin", null)),
        (RbacAuthorizer.ClusterRoles, Role("edit", "edit", null)),
        (RbacAuthorizer.ClusterRoles, Role("view", "view", null)),
        (RbacAuthorizer.ClusterRoles, Role("system:aggregate-to-admin", null, ["admin"],
            Rule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews"]),
            Rule([.. Read, .. Write], ["rbac.authorization.k8s.io"], ["rolebindings", "roles"]))),
        (RbacAuthorizer.ClusterRoles, Role("system:aggregate-to-edit", null, ["admin", "edit"],
            Rule(Read, [""], ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"]),
            Rule(["impersonate"], [""], ["serviceaccounts"]),
            Rule(Write, [""], ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"]),
            Rule(["create"], [""], ["pods/eviction", "serviceaccounts/token"]),
            Rule(Write, [""], ["configmaps", "events", "persistentvolumeclaims", "replicationcontrollers", "replicationcontrollers/scale",
                "secrets", "serviceaccounts", "services", "services/proxy"]),
            Rule(Write, ["apps"], ["daemonsets", "deployments", "deployments/rollback", "deployments/scale", "replicasets", "replicasets/scale",
                "statefulsets", "statefulsets/scale"]),
            Rule(Write, ["autoscaling"], ["horizontalpodautoscalers"]),
            Rule(Write, ["batch"], ["cronjobs", "jobs"]),
            Rule(Write, ["networking.k8s.io"], ["ingresses", "networkpolicies"]),
            Rule(Write, ["policy"], ["poddisruptionbudgets"]),
            Rule([.. Read, .. Write], ["coordination.k8s.io"], ["leases"]))),
        (RbacAuthorizer.ClusterRoles, Role("system:aggregate-to-view", null, ["admin", "edit", "view"],
            Rule(Read, [""], ["configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "pods",
                "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status"]),
            Rule(Read, [""], ["bindings", "events", "limitranges", "namespaces/status", "pods/log", "pods/status",
                "replicationcontrollers/status", "resourcequotas", "resourcequotas/status"]),
            Rule(Read, [""], ["namespaces"]),
            Rule(Read, ["discovery.k8s.io"], ["endpointslices"]),
            Rule(Read, ["apps"], ["controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale",
                "deployments/status", "replicasets", "replicasets/scale", "replicasets/status", "statefulsets", "statefulsets/scale",
                "statefulsets/status"]),
            Rule(Read, ["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
            Rule(Read, ["batch"], ["cronjobs", "cronjobs/status", "jobs", "jobs/status"]),
            Rule(Read, ["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"]),
            Rule(Read, ["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"]))),
        (RbacAuthorizer.ClusterRoleBindings, ClusterAdminBinding()),
    ];

    /// <summary>
    /// Creates each default object that is absent from <paramref name="store"/>; existing ones (perhaps edited by an
    /// operator) are left alone, so this is safe on every start.
    /// </summary>
    public static void EnsureCreated(IObjectStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        foreach (var (resource, obj) in Objects())
        {
            if (store.Get(resource, null, JsonFields.Name(obj)) is not null)
            {
                continue;
            }

            try
            {
                store.Create(resource, null, obj);
            }
            catch (ApiException e) when (e.Code == 409)
            {
                // Created concurrently: what we wanted anyway.
            }
        }
    }

    private static JsonObject Role(string name, string? aggregateFrom, string[]? aggregateTo, params JsonObject[] rules)
    {
        var metadata = new JsonObject { ["name"] = name };
        var labels = new JsonObject { ["kubernetes.io/bootstrapping"] = "rbac-defaults" };
        foreach (var target in aggregateTo ?? [])
        {
            labels[AggregateLabelPrefix + target] = "true";
        }

        metadata["labels"] = labels;
        metadata["annotations"] = new JsonObject { ["rbac.authorization.kubernetes.io/autoupdate"] = "true" };
        var role = new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1",
            ["kind"] = "ClusterRole",
            ["metadata"] = metadata,
            ["rules"] = new JsonArray([.. rules]),
        };
        if (aggregateFrom is not null)
        {
            role["aggregationRule"] = new JsonObject
            {
                ["clusterRoleSelectors"] = new JsonArray(new JsonObject
                {
                    ["matchLabels"] = new JsonObject { [AggregateLabelPrefix + aggregateFrom] = "true" },
                }),
            };
        }

        return role;
    }

    private static JsonObject ClusterAdminBinding() => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = "ClusterRoleBinding",
        ["metadata"] = new JsonObject
        {
            ["name"] = "cluster-admin",
            ["labels"] = new JsonObject { ["kubernetes.io/bootstrapping"] = "rbac-defaults" },
            ["annotations"] = new JsonObject { ["rbac.authorization.kubernetes.io/autoupdate"] = "true" },
        },
        ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = "cluster-admin" },
        ["subjects"] = new JsonArray(new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "Group", ["name"] = UserInfo.MastersGroup }),
    };

    private static JsonObject Rule(string[] verbs, string[] apiGroups, string[] resources) => new()
    {
        ["verbs"] = Array(verbs),
        ["apiGroups"] = Array(apiGroups),
        ["resources"] = Array(resources),
    };

    private static JsonArray Array(IEnumerable<string> items) => JsonFields.ToArray(items);
}
