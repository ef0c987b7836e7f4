using System.Text.Json.Nodes;
using Labs.Cluster.Access;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Tests.Access;

/// <summary>A temporary data directory and an in-memory store, with helpers to create the objects the access layer reads.</summary>
internal sealed class AccessTestCluster : IDisposable
{
    public AccessTestCluster()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "labs-access-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
    }

    public string DataDirectory { get; }

    public InMemoryObjectStore Store { get; } = new();

    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public static UserInfo ServiceAccountUser(string ns, string name) =>
        new(UserInfo.ServiceAccountUserName(ns, name), "uid-" + name, ["system:serviceaccounts", $"system:serviceaccounts:{ns}", UserInfo.AuthenticatedGroup]);

    public static UserInfo User(string name, params string[] groups) => new(name, "uid-" + name, [.. groups, UserInfo.AuthenticatedGroup]);

    public void Namespace(string name)
    {
        if (Store.Get(new GroupResource("", "namespaces"), null, name) is null)
        {
            Store.Create(new GroupResource("", "namespaces"), null, Obj("v1", "Namespace", name));
        }
    }

    public JsonObject ServiceAccount(string ns, string name)
    {
        Namespace(ns);
        return Store.Create(ServiceAccountTokens.ServiceAccounts, ns, Obj("v1", "ServiceAccount", name));
    }

    public void Role(string ns, string name, params JsonObject[] rules)
    {
        Namespace(ns);
        var role = Obj("rbac.authorization.k8s.io/v1", "Role", name);
        role["rules"] = new JsonArray([.. rules]);
        Store.Create(RbacAuthorizer.Roles, ns, role);
    }

    public void ClusterRole(string name, params JsonObject[] rules)
    {
        var role = Obj("rbac.authorization.k8s.io/v1", "ClusterRole", name);
        role["rules"] = new JsonArray([.. rules]);
        Store.Create(RbacAuthorizer.ClusterRoles, null, role);
    }

    public void RoleBinding(string ns, string name, string roleKind, string roleName, params JsonObject[] subjects)
    {
        Namespace(ns);
        Store.Create(RbacAuthorizer.RoleBindings, ns, Binding("RoleBinding", name, roleKind, roleName, subjects));
    }

    public void ClusterRoleBinding(string name, string roleName, params JsonObject[] subjects) =>
        Store.Create(RbacAuthorizer.ClusterRoleBindings, null, Binding("ClusterRoleBinding", name, "ClusterRole", roleName, subjects));

    public static JsonObject Rule(string[] verbs, string[] apiGroups, string[] resources, string[]? resourceNames = null)
    {
        var rule = new JsonObject
        {
            ["verbs"] = Strings(verbs),
            ["apiGroups"] = Strings(apiGroups),
            ["resources"] = Strings(resources),
        };
        if (resourceNames is not null)
        {
            rule["resourceNames"] = Strings(resourceNames);
        }

        return rule;
    }

    public static JsonObject Subject(string kind, string name, string? ns = null)
    {
        var subject = new JsonObject { ["kind"] = kind, ["name"] = name };
        if (ns is not null)
        {
            subject["namespace"] = ns;
        }

        return subject;
    }

    public static JsonObject Obj(string apiVersion, string kind, string name) =>
        new() { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = new JsonObject { ["name"] = name } };

    public static JsonArray Strings(IEnumerable<string> items) => new([.. items.Select(i => (JsonNode?)JsonValue.Create(i))]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
    }

    private static JsonObject Binding(string kind, string name, string roleKind, string roleName, JsonObject[] subjects)
    {
        var binding = Obj("rbac.authorization.k8s.io/v1", kind, name);
        binding["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = roleKind, ["name"] = roleName };
        binding["subjects"] = new JsonArray([.. subjects]);
        return binding;
    }
}
