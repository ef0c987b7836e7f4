using System.Net;
using k8s;
using k8s.Models;
using Labs.Kube;
using Labs.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace Labs.Web.Tests;

/// <summary>What a session holds is given back when it ends: nothing of it stays in the platform or the cluster.</summary>
public sealed class SessionCleanupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every namespaced kind a session makes or a lab sets up, listed across namespaces.</summary>
    private static readonly (string Kind, Func<IKubernetes, Task<IEnumerable<V1ObjectMeta>>> List)[] s_namespacedKinds =
    [
        ("Pod", async k => (await k.CoreV1.ListPodForAllNamespacesAsync(cancellationToken: Ct)).Items.Select(i => i.Metadata)),
        ("Secret", async k => (await k.CoreV1.ListSecretForAllNamespacesAsync(cancellationToken: Ct)).Items.Select(i => i.Metadata)),
        ("ConfigMap", async k => (await k.CoreV1.ListConfigMapForAllNamespacesAsync(cancellationToken: Ct)).Items.Select(i => i.Metadata)),
        ("ServiceAccount", async k => (await k.CoreV1.ListServiceAccountForAllNamespacesAsync(cancellationToken: Ct)).Items.Select(i => i.Metadata)),
        ("Role", async k => (await k.RbacAuthorizationV1.ListRoleForAllNamespacesAsync(cancellationToken: Ct)).Items.Select(i => i.Metadata)),
        ("RoleBinding", async k => (await k.RbacAuthorizationV1.ListRoleBindingForAllNamespacesAsync(cancellationToken: Ct)).Items.Select(i => i.Metadata)),
        ("Deployment", async k => (await k.AppsV1.ListDeploymentForAllNamespacesAsync(cancellationToken: Ct)).Items.Select(i => i.Metadata)),
        ("ReplicaSet", async k => (await k.AppsV1.ListReplicaSetForAllNamespacesAsync(cancellationToken: Ct)).Items.Select(i => i.Metadata)),
    ];

    [Fact]
    public async Task Ended_sessions_leave_no_registry_entry_and_no_object_in_the_cluster()
    {
        await using var platform = KestrelPlatform.Start();
        using var learner = platform.NewLearner();
        var ids = new List<string> { await KestrelPlatform.StartSessionAsync(learner, "deployments-101"), await KestrelPlatform.StartSessionAsync(learner, "configmaps-101") };
        // A lab started again once its session ended gets a new session (one live session per learner and lab).
        Assert.Equal(HttpStatusCode.NoContent, (await learner.DeleteAsync($"/api/sessions/{ids[0]}", Ct)).StatusCode);
        ids.Add(await KestrelPlatform.StartSessionAsync(learner, "deployments-101"));
        Assert.NotEqual(ids[0], ids[2]);
        foreach (var id in ids.Skip(1))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await learner.DeleteAsync($"/api/sessions/{id}", Ct)).StatusCode);
        }

        Assert.Empty(platform.Services.GetRequiredService<SessionRegistry>().All);
        var kube = platform.Services.GetRequiredService<IKubernetes>();
        var left = await LeftOverAsync(kube, ids);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (left.Count > 0 && DateTime.UtcNow < deadline)
        {
            // Namespace deletion finishes in the background, as on a real cluster.
            await Task.Delay(100, Ct);
            left = await LeftOverAsync(kube, ids);
        }

        Assert.Empty(left);
    }

    private static async Task<List<string>> LeftOverAsync(IKubernetes kube, IReadOnlyList<string> sessionIds)
    {
        var left = new List<string>();
        var namespaces = sessionIds.Select(id => "lab-" + id).ToHashSet(StringComparer.Ordinal);
        foreach (var ns in namespaces)
        {
            try
            {
                await kube.CoreV1.ReadNamespaceAsync(ns, cancellationToken: Ct);
                left.Add($"Namespace {ns}");
            }
            catch (Exception e) when (e.HasCode(HttpStatusCode.NotFound))
            {
                // Gone, as it should be.
            }
        }

        foreach (var (kind, list) in s_namespacedKinds)
        {
            foreach (var metadata in await list(kube))
            {
                var ns = metadata.NamespaceProperty;
                var session = metadata.Labels is { } labels && labels.TryGetValue("labs.dev/session", out var label) ? label : null;
                if ((ns is not null && namespaces.Contains(ns)) || (session is not null && sessionIds.Contains(session)))
                {
                    left.Add($"{kind} {ns}/{metadata.Name}");
                }
            }
        }

        return left;
    }
}
