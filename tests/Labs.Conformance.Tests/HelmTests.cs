using Labs.Content.Charts;

using static Labs.Conformance.Tests.KubectlResult;

namespace Labs.Conformance.Tests;

/// <summary>
/// Helm (the build the platform binds into sandboxes) against the embedded cluster, as a learner uses it: a chart from
/// <c>helm create</c> installed, upgraded with a values change, rolled back and uninstalled, with releases stored as
/// Helm stores them; and <c>--wait</c> on pods that never become ready timing out as on a real cluster.
/// </summary>
public sealed class HelmTests(WorkloadCluster k) : IClassFixture<WorkloadCluster>
{
    [Fact]
    public async Task Install_upgrade_rollback_and_uninstall_a_release()
    {
        var ns = await k.CreateNamespaceAsync();
        var dir = k.NewDirectory();
        Ok(await k.RunHelmAsync(dir, "create", "web"), "Creating web");
        Ok(await k.RunHelmAsync(dir, "lint", "web"), "1 chart(s) linted, 0 chart(s) failed");
        var template = Ok(await k.RunHelmAsync(dir, "template", "site", "./web", "--set", "image.tag=1.25"), "kind: Deployment");
        Assert.Contains("image: \"nginx:1.25\"", template, StringComparison.Ordinal);

        var install = Ok(await k.RunHelmAsync(dir, "install", "site", "./web", "-n", ns, "--set", "image.tag=1.25", "--wait", "--timeout", "60s"), "STATUS: deployed");
        Assert.Contains("REVISION: 1", install, StringComparison.Ordinal);
        Assert.Equal("nginx:1.25", await ImageAsync(ns));

        File.WriteAllText(Path.Combine(dir, "values.yaml"), "replicaCount: 2\nimage:\n  tag: \"1.26\"\n");
        var upgrade = Ok(await k.RunHelmAsync(dir, "upgrade", "site", "./web", "-n", ns, "-f", "values.yaml", "--wait", "--timeout", "60s"), "has been upgraded. Happy Helming!");
        Assert.Contains("REVISION: 2", upgrade, StringComparison.Ordinal);
        Assert.Equal("nginx:1.26", await ImageAsync(ns));
        var values = Ok(await k.RunHelmAsync(dir, "get", "values", "site", "-n", ns), "USER-SUPPLIED VALUES:");
        Assert.Contains("tag: \"1.26\"", values, StringComparison.Ordinal);

        var history = Ok(await k.RunHelmAsync(dir, "history", "site", "-n", ns), "REVISION");
        Assert.Matches(@"(?m)^1\s.*superseded\s+web-0\.1\.0\s+1\.16\.0\s+Install complete", history);
        Assert.Matches(@"(?m)^2\s.*deployed\s+web-0\.1\.0\s+1\.16\.0\s+Upgrade complete", history);

        Ok(await k.RunHelmAsync(dir, "rollback", "site", "1", "-n", ns, "--wait"), "Rollback was a success! Happy Helming!");
        Assert.Equal("nginx:1.25", await ImageAsync(ns));
        Assert.Matches(@"(?m)^3\s.*deployed\s.*Rollback to 1", Ok(await k.RunHelmAsync(dir, "history", "site", "-n", ns), "REVISION"));

        // Releases are Secrets of Helm's own type, one per revision, labelled as Helm labels them.
        var secrets = await k.RunAsync("get", "secrets", "-n", ns, "-l", "owner=helm,name=site", "-o", "custom-columns=NAME:.metadata.name,TYPE:.type,VERSION:.metadata.labels.version,STATUS:.metadata.labels.status", "--sort-by=.metadata.name");
        Assert.True(secrets.ExitCode == 0, secrets.ToString());
        Assert.Matches(@"sh\.helm\.release\.v1\.site\.v1\s+helm\.sh/release\.v1\s+1\s+superseded", secrets.Stdout);
        Assert.Matches(@"sh\.helm\.release\.v1\.site\.v3\s+helm\.sh/release\.v1\s+3\s+deployed", secrets.Stdout);

        Ok(await k.RunHelmAsync(dir, "list", "-n", ns), "site");
        Assert.Matches(@"STATUS: deployed\s+REVISION: 3", Ok(await k.RunHelmAsync(dir, "status", "site", "-n", ns), "NAME: site"));
        Assert.Contains("image: \"nginx:1.25\"", Ok(await k.RunHelmAsync(dir, "get", "manifest", "site", "-n", ns), "kind: Deployment"), StringComparison.Ordinal);
        Ok(await k.RunHelmAsync(dir, "upgrade", "--install", "fresh", "./web", "-n", ns), "Release \"fresh\" does not exist. Installing it now.");
        Ok(await k.RunHelmAsync(dir, "upgrade", "--install", "fresh", "./web", "-n", ns), "Release \"fresh\" has been upgraded.");
        Ok(await k.RunHelmAsync(dir, "uninstall", "fresh", "-n", ns), "release \"fresh\" uninstalled");
        Ok(await k.RunHelmAsync(dir, "uninstall", "site", "-n", ns), "release \"site\" uninstalled");
        var left = await k.RunAsync("get", "deployments,services,serviceaccounts,secrets", "-n", ns, "-l", "app.kubernetes.io/instance=site", "-o", "name");
        Assert.True(left.ExitCode == 0 && left.Stdout.Trim().Length == 0, left.ToString());
        var releases = await k.RunAsync("get", "secrets", "-n", ns, "-l", "owner=helm", "-o", "name");
        Assert.True(releases.ExitCode == 0 && releases.Stdout.Trim().Length == 0, releases.ToString());
        Assert.DoesNotContain("site", Ok(await k.RunHelmAsync(dir, "list", "-n", ns), "NAME"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_on_pods_that_never_become_ready_times_out_and_atomic_rolls_back()
    {
        var ns = await k.CreateNamespaceAsync();
        var dir = k.NewDirectory();
        Ok(await k.RunHelmAsync(dir, "create", "api"), "Creating api");

        // A tag the registry does not have: ErrImagePull, then ImagePullBackOff, never Ready.
        var stuck = await k.RunHelmAsync(dir, "install", "broken", "./api", "-n", ns, "--set", "image.tag=no-such-tag", "--wait", "--timeout", "8s");
        Assert.True(stuck.ExitCode == 1, stuck.ToString());
        Assert.Contains("Error: INSTALLATION FAILED: context deadline exceeded", stuck.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^1\s.*failed\s.*Release ""broken"" failed: context deadline exceeded", Ok(await k.RunHelmAsync(dir, "history", "broken", "-n", ns), "REVISION"));

        Ok(await k.RunHelmAsync(dir, "install", "good", "./api", "-n", ns, "--set", "image.tag=1.25", "--wait", "--timeout", "60s"), "STATUS: deployed");
        var atomic = await k.RunHelmAsync(dir, "upgrade", "good", "./api", "-n", ns, "--set", "image.tag=no-such-tag", "--atomic", "--timeout", "8s");
        Assert.True(atomic.ExitCode == 1, atomic.ToString());
        Assert.Contains("Error: UPGRADE FAILED: release good failed, and has been rolled back due to atomic being set: context deadline exceeded", atomic.Stderr, StringComparison.Ordinal);
        var image = await k.RunAsync("get", "deployment", "good-api", "-n", ns, "-o", "jsonpath={.spec.template.spec.containers[0].image}");
        Assert.Equal("nginx:1.25", image.Stdout);
    }

    [Fact]
    public async Task The_librarys_chart_repository_on_the_api_address_works_with_helm_repo()
    {
        var charts = ChartRepository.Load(LabsDirectory(), out var problems);
        Assert.Empty(problems);
        k.Cluster.ServePublicFiles(ChartRepository.UrlPath, charts.TryGetFile);
        var dir = k.NewDirectory();
        var ca = Path.Combine(dir, "ca.crt");
        await File.WriteAllTextAsync(ca, k.Cluster.CertificateAuthorityPem, TestContext.Current.CancellationToken);
        var url = new Uri(k.Cluster.Server, ChartRepository.UrlPath).AbsoluteUri;

        Ok(await k.RunHelmAsync(dir, "repo", "add", "labs", url, "--ca-file", ca), "\"labs\" has been added to your repositories");
        var versions = Ok(await k.RunHelmAsync(dir, "search", "repo", "labs/webapp", "--versions"), "labs/webapp");
        Assert.Matches(@"labs/webapp\s+1\.1\.0\s+1\.27\s", versions);
        Assert.Matches(@"labs/webapp\s+1\.0\.0\s+1\.25\s", versions);
        Ok(await k.RunHelmAsync(dir, "pull", "labs/webapp", "--version", "1.0.0"), "");
        Assert.Equal(charts.Charts.Single(c => c.Version == "1.0.0").Archive.ToArray(), await File.ReadAllBytesAsync(Path.Combine(dir, "webapp-1.0.0.tgz"), TestContext.Current.CancellationToken));

        var ns = await k.CreateNamespaceAsync();
        Ok(await k.RunHelmAsync(dir, "install", "site", "labs/webapp", "-n", ns, "--version", "1.0.0", "--wait", "--timeout", "60s"), "STATUS: deployed");
        var image = await k.RunAsync("get", "deployment", "site-webapp", "-n", ns, "-o", "jsonpath={.spec.template.spec.containers[0].image}");
        Assert.Equal("nginx:1.25", image.Stdout);
        var missing = await k.RunHelmAsync(dir, "install", "other", "labs/webapp", "-n", ns, "--version", "9.9.9");
        Assert.Contains("Error: INSTALLATION FAILED: chart \"webapp\" matching 9.9.9 not found in labs index", missing.Stderr, StringComparison.Ordinal);
    }

    private static string LabsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Labs.sln")))
                return Path.Combine(dir.FullName, "labs");
        }

        throw new InvalidOperationException($"No Labs.sln above {AppContext.BaseDirectory}.");
    }

    private async Task<string> ImageAsync(string ns)
    {
        var image = await k.RunAsync("get", "deployment", "site-web", "-n", ns, "-o", "jsonpath={.spec.template.spec.containers[0].image}");
        Assert.True(image.ExitCode == 0, image.ToString());
        return image.Stdout;
    }
}
