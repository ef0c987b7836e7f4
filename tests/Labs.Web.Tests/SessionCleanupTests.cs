using System.Net;
using Labs.Kube;
using Labs.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace Labs.Web.Tests;

/// <summary>What a session holds is given back when it ends: nothing of it stays in the platform or the cluster.</summary>
public sealed class SessionCleanupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ResourceType[] s_namespacedKinds =
    [
        ResourceType.Pods, ResourceType.Secrets, ResourceType.ConfigMaps, ResourceType.ServiceAccounts,
        ResourceType.Roles, ResourceType.RoleBindings, ResourceType.Deployments, ResourceType.ReplicaSets,
    ];

    [Fact]
    public async Task Ended_sessions_leave_no_registry_entry_and_no_object_in_the_cluster()
    {
        await using var platform = KestrelPlatform.Start();
        using var learner = platform.NewLearner();
        var ids = new List<string>();
        foreach (var lab in new[] { "deployments-101", "configmaps-101", "deployments-101" })
        {
            ids.Add(await KestrelPlatform.StartSessionAsync(learner, lab));
        }

        foreach (var id in ids)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await learner.DeleteAsync($"/api/sessions/{id}", Ct)).StatusCode);
        }

        Assert.Empty(platform.Services.GetRequiredService<SessionRegistry>().All);
        var kube = platform.Services.GetRequiredService<IKubeClient>();
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

    private static async Task<List<string>> LeftOverAsync(IKubeClient kube, IReadOnlyList<string> sessionIds)
    {
        var left = new List<string>();
        var namespaces = sessionIds.Select(id => "lab-" + id).ToHashSet(StringComparer.Ordinal);
        foreach (var ns in namespaces)
        {
            if (await kube.GetAsync(ResourceType.Namespaces, null, ns, Ct) is not null)
            {
                left.Add($"Namespace {ns}");
            }
        }

        foreach (var type in s_namespacedKinds)
        {
            var list = await kube.ListAsync(type, null, null, Ct);
            foreach (var item in list["items"]!.AsArray())
            {
                var metadata = item!["metadata"]!;
                var ns = metadata["namespace"]?.GetValue<string>();
                var session = metadata["labels"]?["labs.dev/session"]?.GetValue<string>();
                if ((ns is not null && namespaces.Contains(ns)) || (session is not null && sessionIds.Contains(session)))
                {
                    left.Add($"{type.Kind} {ns}/{metadata["name"]}");
                }
            }
        }

        return left;
    }
}
