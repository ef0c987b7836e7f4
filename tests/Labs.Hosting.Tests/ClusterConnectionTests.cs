using System.Net;
using k8s;
using Labs.Kube;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Labs.Hosting.Tests;

/// <summary>A real cluster through a kubeconfig, read by KubernetesClient: contexts, tokens, exec plugins, and clear errors.</summary>
public sealed class ClusterConnectionTests(EmbeddedClusterFixture fixture) : IClassFixture<EmbeddedClusterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ClusterConnection Connection(ClusterOptions options) => new(Options.Create(options), NullLoggerFactory.Instance);

    [Fact]
    public async Task The_named_context_of_a_kubeconfig_is_used_with_its_token()
    {
        var path = fixture.WriteKubeconfig($"token: {fixture.Cluster.AdminToken}");
        await using var connection = Connection(new ClusterOptions { Kubeconfig = path, Context = "other" });

        await connection.StartAsync(Ct);

        using var kube = KubeClients.Create(connection.Configuration);
        var ns = await kube.CoreV1.ReadNamespaceAsync("default", cancellationToken: Ct);
        Assert.Equal("default", ns.Metadata.Name);
        Assert.Null(connection.Embedded);
        Assert.Equal("team", connection.Configuration.Namespace);
        Assert.Contains("context other", connection.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_context_the_current_context_is_used()
    {
        var path = fixture.WriteKubeconfig($"token: {fixture.Cluster.AdminToken}");
        await using var connection = Connection(new ClusterOptions { Kubeconfig = path });
        await connection.StartAsync(Ct);
        using var kube = KubeClients.Create(connection.Configuration);

        // The current context's user has a token the cluster does not know.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => kube.CoreV1.ReadNamespaceAsync("default", cancellationToken: Ct));

        Assert.True(error.HasCode(HttpStatusCode.Unauthorized), error.Describe());
    }

    [Fact]
    public async Task An_exec_plugin_supplies_the_credentials_as_on_EKS_GKE_or_AKS()
    {
        var credential = """{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"TOKEN"}}""".Replace("TOKEN", fixture.Cluster.AdminToken, StringComparison.Ordinal);
        var plugin = Path.Combine(fixture.Root, "credential-plugin.sh");
        await File.WriteAllTextAsync(plugin, $"#!/bin/sh\ncat <<'EOF'\n{credential}\nEOF\n", Ct);
        File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = fixture.WriteKubeconfig($"""
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: {plugin}
              interactiveMode: Never
            """);
        await using var connection = Connection(new ClusterOptions { Kubeconfig = path, Context = "other" });
        await connection.StartAsync(Ct);
        using var kube = KubeClients.Create(connection.Configuration);

        var namespaces = await kube.CoreV1.ListNamespaceAsync(cancellationToken: Ct);

        Assert.Contains(namespaces.Items, n => n.Metadata.Name == "default");
    }

    [Fact]
    public async Task A_missing_kubeconfig_names_the_setting_and_the_path()
    {
        var path = Path.Combine(fixture.Root, "nowhere.kubeconfig");
        await using var connection = Connection(new ClusterOptions { Kubeconfig = path });

        var error = await Assert.ThrowsAsync<ClusterConnectionException>(() => connection.StartAsync(Ct));

        Assert.Equal($"Cluster:Kubeconfig '{path}' does not exist.", error.Message);
    }

    [Fact]
    public async Task A_context_the_kubeconfig_does_not_have_is_named_in_the_error()
    {
        var path = fixture.WriteKubeconfig($"token: {fixture.Cluster.AdminToken}");
        await using var connection = Connection(new ClusterOptions { Kubeconfig = path, Context = "elsewhere" });

        var error = await Assert.ThrowsAsync<ClusterConnectionException>(() => connection.StartAsync(Ct));

        Assert.StartsWith($"Cluster:Kubeconfig '{path}' (context 'elsewhere') cannot be used: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("elsewhere", error.Message[error.Message.IndexOf("used:", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kubeconfig_that_is_not_yaml_is_refused_with_its_path()
    {
        var path = Path.Combine(fixture.Root, "broken.kubeconfig");
        await File.WriteAllTextAsync(path, "clusters: [unclosed", Ct);
        await using var connection = Connection(new ClusterOptions { Kubeconfig = path });

        var error = await Assert.ThrowsAsync<ClusterConnectionException>(() => connection.StartAsync(Ct));

        Assert.StartsWith($"Cluster:Kubeconfig '{path}' (its current context) cannot be used: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_cluster_outside_a_pod_says_why_it_cannot_work()
    {
        await using var connection = Connection(new ClusterOptions { InCluster = true });

        var error = await Assert.ThrowsAsync<ClusterConnectionException>(() => connection.StartAsync(Ct));

        Assert.StartsWith("Cluster:InCluster is set, but this process does not run in a Kubernetes pod", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_configuration_is_not_there_before_the_start()
    {
        var connection = Connection(new ClusterOptions());

        var error = Assert.Throws<InvalidOperationException>(() => connection.Configuration);

        Assert.StartsWith("The cluster connection is not started yet", error.Message, StringComparison.Ordinal);
    }
}
