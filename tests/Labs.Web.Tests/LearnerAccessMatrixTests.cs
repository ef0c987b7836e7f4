using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Labs.Hosting;
using Labs.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace Labs.Web.Tests;

/// <summary>
/// The cross-learner RBAC matrix: with the token the platform gives a learner, every verb on the common kinds in
/// another learner's namespace, in labs-system and kube-system, every cluster-scoped write and impersonation are
/// Forbidden, while the learner's own namespace works.
/// </summary>
public sealed class LearnerAccessMatrixTests(PlatformFactory factory) : IClassFixture<PlatformFactory>
{
    private static readonly (string Prefix, string Resource, string Kind, string ApiVersion)[] Kinds =
    [
        ("/api/v1", "pods", "Pod", "v1"),
        ("/api/v1", "secrets", "Secret", "v1"),
        ("/api/v1", "configmaps", "ConfigMap", "v1"),
        ("/api/v1", "services", "Service", "v1"),
        ("/api/v1", "serviceaccounts", "ServiceAccount", "v1"),
        ("/apis/apps/v1", "deployments", "Deployment", "apps/v1"),
        ("/apis/rbac.authorization.k8s.io/v1", "roles", "Role", "rbac.authorization.k8s.io/v1"),
        ("/apis/rbac.authorization.k8s.io/v1", "rolebindings", "RoleBinding", "rbac.authorization.k8s.io/v1"),
    ];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(LabSession Mine, LabSession Theirs, HttpClient Learner)> TwoLearnersAsync()
    {
        _ = factory.Server;
        var sessions = factory.Services.GetRequiredService<SessionManager>();
        var mine = await sessions.StartAsync("deployments-101", "learner-a", null, Cancel);
        var theirs = await sessions.StartAsync("deployments-101", "learner-b", null, Cancel);
        return (mine, theirs, await LearnerClientAsync(mine.Namespace));
    }

    [Fact]
    public async Task A_learner_reads_exactly_the_cluster_views_their_lab_asks_for_and_nothing_else_cluster_wide()
    {
        _ = factory.Server;
        var sessions = factory.Services.GetRequiredService<SessionManager>();
        var withViews = await sessions.StartAsync("configmaps-101", "learner-views", new LabSetup([], ClusterViews: ["nodes"]), Cancel);
        var without = await sessions.StartAsync("configmaps-101", "learner-no-views", null, Cancel);

        using var viewer = await LearnerClientAsync(withViews.Namespace);
        using var other = await LearnerClientAsync(without.Namespace);

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync(new Uri("/api/v1/nodes", UriKind.Relative), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync(new Uri("/api/v1/nodes/node-1", UriKind.Relative), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync(new Uri("/apis/storage.k8s.io/v1/storageclasses", UriKind.Relative), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(new Uri("/api/v1/nodes", UriKind.Relative), Cancel)).StatusCode);
    }

    private async Task<HttpClient> LearnerClientAsync(string ns)
    {
        var kube = factory.Services.GetRequiredService<IKubernetes>();
        var token = await kube.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { ExpirationSeconds = 3600 } }, "learner", ns, cancellationToken: Cancel);
        var cluster = factory.Services.GetRequiredService<ClusterConnection>().Embedded!;
        return Client(cluster.Server, cluster.CertificateAuthorityPem, token.Status.Token);
    }

    private static HttpClient Client(Uri server, string caPem, string token) => Labs.Testing.ClusterHttp.Create(server, caPem, token);

    private static StringContent Json(JsonObject body, string type = "application/json") => new(body.ToJsonString(), Encoding.UTF8, type);

    private static JsonObject Object(string kind, string apiVersion, string name) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["metadata"] = new JsonObject { ["name"] = name },
    };

    /// <summary>Every verb on one kind in one namespace, as (what was tried, the status it got).</summary>
    private static async Task<List<(string Tried, HttpStatusCode Status)>> TryEverythingAsync(HttpClient client, string ns, (string Prefix, string Resource, string Kind, string ApiVersion) kind)
    {
        var collection = $"{kind.Prefix}/namespaces/{ns}/{kind.Resource}";
        var named = $"{collection}/victim";
        var body = Object(kind.Kind, kind.ApiVersion, "victim");
        var attempts = new (string Verb, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("get", () => client.GetAsync(new Uri(named, UriKind.Relative), Cancel)),
            ("list", () => client.GetAsync(new Uri(collection, UriKind.Relative), Cancel)),
            ("watch", () => client.GetAsync(new Uri(collection + "?watch=true&timeoutSeconds=1", UriKind.Relative), Cancel)),
            ("create", () => client.PostAsync(new Uri(collection, UriKind.Relative), Json(body), Cancel)),
            ("update", () => client.PutAsync(new Uri(named, UriKind.Relative), Json(body), Cancel)),
            ("patch", () => client.PatchAsync(new Uri(named, UriKind.Relative), Json(new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["x"] = "y" } } }, "application/merge-patch+json"), Cancel)),
            ("delete", () => client.DeleteAsync(new Uri(named, UriKind.Relative), Cancel)),
            ("deletecollection", () => client.DeleteAsync(new Uri(collection, UriKind.Relative), Cancel)),
        };
        var results = new List<(string, HttpStatusCode)>();
        foreach (var (verb, send) in attempts)
        {
            using var response = await send();
            results.Add(($"{verb} {kind.Resource} in {ns}", response.StatusCode));
        }

        return results;
    }

    [Fact]
    public async Task Another_learners_namespace_and_the_platforms_namespaces_are_forbidden_for_every_verb()
    {
        var (mine, theirs, learner) = await TwoLearnersAsync();
        using (learner)
        {
            var own = await learner.PostAsync(new Uri($"/api/v1/namespaces/{mine.Namespace}/configmaps", UriKind.Relative), Json(Object("ConfigMap", "v1", "mine")), Cancel);
            Assert.Equal(HttpStatusCode.Created, own.StatusCode);

            var allowed = new List<string>();
            foreach (var ns in new[] { theirs.Namespace, mine.ToolboxNamespace, "kube-system", "default" })
            {
                foreach (var kind in Kinds)
                {
                    allowed.AddRange((await TryEverythingAsync(learner, ns, kind)).Where(r => r.Status != HttpStatusCode.Forbidden).Select(r => $"{r.Tried}: {(int)r.Status}"));
                }
            }

            Assert.Empty(allowed);
        }
    }

    [Fact]
    public async Task Cluster_scoped_writes_reads_across_namespaces_and_impersonation_are_forbidden()
    {
        var (_, _, learner) = await TwoLearnersAsync();
        using (learner)
        {
            var attempts = new (string Tried, Func<Task<HttpResponseMessage>> Send)[]
            {
                ("create namespace", () => learner.PostAsync(new Uri("/api/v1/namespaces", UriKind.Relative), Json(Object("Namespace", "v1", "mine-now")), Cancel)),
                ("delete namespace kube-system", () => learner.DeleteAsync(new Uri("/api/v1/namespaces/kube-system", UriKind.Relative), Cancel)),
                ("create clusterrole", () => learner.PostAsync(new Uri("/apis/rbac.authorization.k8s.io/v1/clusterroles", UriKind.Relative), Json(Object("ClusterRole", "rbac.authorization.k8s.io/v1", "root")), Cancel)),
                ("create clusterrolebinding", () => learner.PostAsync(new Uri("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", UriKind.Relative), Json(new JsonObject
                {
                    ["apiVersion"] = "rbac.authorization.k8s.io/v1", ["kind"] = "ClusterRoleBinding", ["metadata"] = new JsonObject { ["name"] = "root" },
                    ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = "cluster-admin" },
                    ["subjects"] = new JsonArray(new JsonObject { ["kind"] = "Group", ["name"] = "system:serviceaccounts", ["apiGroup"] = "rbac.authorization.k8s.io" }),
                }), Cancel)),
                ("patch node", () => learner.PatchAsync(new Uri("/api/v1/nodes/labs-node-1", UriKind.Relative), Json(new JsonObject { ["spec"] = new JsonObject { ["unschedulable"] = true } }, "application/merge-patch+json"), Cancel)),
                ("list secrets of all namespaces", () => learner.GetAsync(new Uri("/api/v1/secrets", UriKind.Relative), Cancel)),
                ("list pods of all namespaces", () => learner.GetAsync(new Uri("/api/v1/pods", UriKind.Relative), Cancel)),
                ("impersonate the admin", () => Impersonated(learner, "system:admin", "system:masters")),
                ("impersonate another learner", () => Impersonated(learner, "system:serviceaccount:labs-system:default", null)),
            };

            var allowed = new List<string>();
            foreach (var (tried, send) in attempts)
            {
                using var response = await send();
                if (response.StatusCode != HttpStatusCode.Forbidden)
                {
                    allowed.Add($"{tried}: {(int)response.StatusCode}");
                }
            }

            Assert.Empty(allowed);
        }
    }

    private static Task<HttpResponseMessage> Impersonated(HttpClient client, string user, string? group)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces/labs-system/secrets");
        request.Headers.Add("Impersonate-User", user);
        if (group is not null)
        {
            request.Headers.Add("Impersonate-Group", group);
        }

        return client.SendAsync(request, Cancel);
    }
}
