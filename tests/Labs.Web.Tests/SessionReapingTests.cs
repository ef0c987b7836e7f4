using k8s;
using k8s.Models;
using Labs.Sessions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Labs.Web.Tests;

/// <summary>
/// The embedded cluster keeps its objects across a restart, the platform's session list does not (yet): what a
/// previous run's sessions left must not run on for ever.
/// </summary>
public sealed class SessionReapingTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("labs-reap-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Temp files; the OS cleans them up.
        }

        return ValueTask.CompletedTask;
    }

    private WebApplicationFactory<Program> Platform() =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("Cluster:DataDirectory", _dataDirectory));

    [Fact]
    public async Task Sessions_left_by_an_earlier_run_are_removed_when_the_platform_starts_again()
    {
        string ns, toolbox;
        await using (var first = Platform())
        {
            _ = first.Server;
            var session = await first.Services.GetRequiredService<SessionManager>().StartAsync("deployments-101", "learner-1", null, Cancel);
            (ns, toolbox) = (session.Namespace, session.ToolboxPod);
        }

        await using var second = Platform();
        _ = second.Server;
        var kube = second.Services.GetRequiredService<IKubernetes>();

        var namespaces = await kube.CoreV1.ListNamespaceAsync(cancellationToken: Cancel);
        var pods = await kube.CoreV1.ListNamespacedPodAsync("labs-system", cancellationToken: Cancel);
        Assert.DoesNotContain(namespaces.Items, n => n.Name() == ns && n.Status?.Phase != "Terminating");
        Assert.DoesNotContain(pods.Items, p => p.Name() == toolbox);
        Assert.Contains(namespaces.Items, n => n.Name() == "default"); // The cluster itself was kept.
    }
}
