using Labs.Cluster;
using Microsoft.Extensions.Logging.Abstractions;

namespace Labs.Hosting.Tests;

/// <summary>One embedded cluster (API only) that the kubeconfig tests point real-cluster connections at.</summary>
public sealed class EmbeddedClusterFixture : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("labs-hosting-").FullName;

    public EmbeddedCluster Cluster { get; private set; } = null!;

    public string Root => _root;

    public async ValueTask InitializeAsync() =>
        Cluster = await EmbeddedCluster.StartAsync(
            new EmbeddedClusterOptions { DataDirectory = Path.Combine(_root, "data"), RunWorkloads = false }, NullLoggerFactory.Instance, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>Writes a kubeconfig for the cluster with the given user entry (YAML under <c>user:</c>) and returns its path.</summary>
    public string WriteKubeconfig(string userYaml, string context = "other")
    {
        var ca = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Cluster.CertificateAuthorityPem));
        var indented = string.Join('\n', userYaml.Split('\n').Select(l => "      " + l));
        var path = Path.Combine(_root, Guid.NewGuid().ToString("N")[..8] + ".kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: embedded
              cluster:
                server: {Cluster.Server.ToString().TrimEnd('/')}
                certificate-authority-data: {ca}
            users:
            - name: broken
              user:
                token: not-a-valid-token
            - name: chosen
              user:
            {indented}
            contexts:
            - name: broken
              context: {"{"}cluster: embedded, user: broken{"}"}
            - name: {context}
              context: {"{"}cluster: embedded, user: chosen, namespace: team{"}"}
            current-context: broken
            """);
        return path;
    }
}
