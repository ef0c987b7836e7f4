using Labs.Cluster;
using k8s;
using Labs.Kube;
using Microsoft.Extensions.Logging.Abstractions;

namespace Labs.Benchmarks;

/// <summary>An embedded cluster in a temporary directory with an admin KubernetesClient, for a benchmark's lifetime.</summary>
internal sealed class ClusterBench : IAsyncDisposable
{
    private ClusterBench(string dataDirectory, EmbeddedCluster cluster, KubernetesClientConfiguration configuration, Kubernetes client)
    {
        DataDirectory = dataDirectory;
        Cluster = cluster;
        Configuration = configuration;
        Client = client;
    }

    public string DataDirectory { get; }

    public EmbeddedCluster Cluster { get; }

    public KubernetesClientConfiguration Configuration { get; }

    public Kubernetes Client { get; }

    public static async Task<ClusterBench> StartAsync()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("labs-bench-").FullName;
        var cluster = await EmbeddedCluster.StartAsync(
            new EmbeddedClusterOptions { DataDirectory = dataDirectory }, NullLoggerFactory.Instance, CancellationToken.None);
        var configuration = await KubernetesClientConfiguration.BuildConfigFromConfigFileAsync(new FileInfo(cluster.AdminKubeconfigPath));
        return new ClusterBench(dataDirectory, cluster, configuration, KubeClients.Create(configuration));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Cluster.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort for a temp folder.
        }
    }
}
