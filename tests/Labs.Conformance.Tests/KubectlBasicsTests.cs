using System.Text;

namespace Labs.Conformance.Tests;

public sealed class KubectlBasicsTests(KubectlCluster k) : IClassFixture<KubectlCluster>
{
    private static string Deployment(string ns) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: {ns}
          labels:
            app: web
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: nginx
                image: nginx:1.27
        """;

    [Fact]
    public async Task Create_from_a_file_then_get_shows_deployment_columns()
    {
        var ns = await k.CreateNamespaceAsync();
        var create = await k.RunAsync("create", "-f", k.WriteManifest(Deployment(ns)));
        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.Contains("deployment.apps/web created", create.Stdout, StringComparison.Ordinal);

        var get = await k.RunAsync("get", "deployments", "-n", ns);
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Matches(@"NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE", get.Stdout);
        Assert.Matches(@"web\s+0/2\s+0\s+0\s+\d+s", get.Stdout);
    }

    [Fact]
    public async Task Apply_twice_creates_then_leaves_unchanged()
    {
        var ns = await k.CreateNamespaceAsync();
        var file = k.WriteManifest(Deployment(ns));
        var first = await k.RunAsync("apply", "-f", file);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("deployment.apps/web created", first.Stdout, StringComparison.Ordinal);
        var second = await k.RunAsync("apply", "-f", file);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Matches("deployment.apps/web (unchanged|configured)", second.Stdout);
    }

    [Fact]
    public async Task Get_as_yaml_and_describe_show_the_object()
    {
        var ns = await k.CreateNamespaceAsync();
        await k.RunAsync("create", "-f", k.WriteManifest(Deployment(ns)));
        var yaml = await k.RunAsync("get", "deployment", "web", "-n", ns, "-o", "yaml");
        Assert.True(yaml.ExitCode == 0, yaml.ToString());
        Assert.Contains("kind: Deployment", yaml.Stdout, StringComparison.Ordinal);
        Assert.Contains("image: nginx:1.27", yaml.Stdout, StringComparison.Ordinal);

        var describe = await k.RunAsync("describe", "deployment", "web", "-n", ns);
        Assert.True(describe.ExitCode == 0, describe.ToString());
        Assert.Matches(@"Name:\s+web", describe.Stdout);
    }

    [Fact]
    public async Task Delete_returns_promptly()
    {
        var ns = await k.CreateNamespaceAsync();
        await k.RunAsync("create", "configmap", "settings", "-n", ns, "--from-literal=a=b");
        var delete = await k.RunAsync("delete", "configmap", "settings", "-n", ns);
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Contains("configmap \"settings\" deleted", delete.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_objects_print_the_real_not_found_error()
    {
        var result = await k.RunAsync("get", "deployment", "nope");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Error from server (NotFound): deployments.apps \"nope\" not found", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_twice_prints_the_real_already_exists_error()
    {
        var ns = await k.CreateNamespaceAsync();
        var file = k.WriteManifest(Deployment(ns));
        await k.RunAsync("create", "-f", file);
        var again = await k.RunAsync("create", "-f", file);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("Error from server (AlreadyExists)", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("deployments.apps \"web\" already exists", again.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_watch_receives_a_new_object()
    {
        var ns = await k.CreateNamespaceAsync();
        using var watch = k.Start("get", "configmaps", "-n", ns, "-w");
        var output = new StringBuilder();
        var reader = Task.Run(async () =>
        {
            string? line;
            while ((line = await watch.StandardOutput.ReadLineAsync()) is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }, TestContext.Current.CancellationToken);
        try
        {
            // The watch lists kube-root-ca.crt first; wait for that so the watch is established before creating.
            await WaitForAsync(() => Contains(output, "kube-root-ca.crt"));
            var create = await k.RunAsync("create", "configmap", "watched", "-n", ns);
            Assert.True(create.ExitCode == 0, create.ToString());
            await WaitForAsync(() => Contains(output, "watched"));
        }
        finally
        {
            watch.Kill(entireProcessTree: true);
            await watch.WaitForExitAsync(CancellationToken.None);
        }

        Assert.Contains("watched", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_is_aggregated_so_kubectl_skips_per_group_requests()
    {
        var result = await k.RunWithCacheAsync(k.NewDirectory(), "get", "deployments", "-v=6");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("/apis?timeout", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("/apis/apps/v1?timeout", result.Stderr, StringComparison.Ordinal);
    }

    private static bool Contains(StringBuilder output, string text)
    {
        lock (output)
        {
            return output.ToString().Contains(text, StringComparison.Ordinal);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not met within 60 s");
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
