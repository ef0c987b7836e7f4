using Labs.Cluster;
using Labs.Kube;
using Microsoft.Extensions.Logging.Abstractions;

namespace Labs.Benchmarks;

/// <summary>An embedded cluster in a temporary directory with an admin client, for a benchmark's lifetime.</summary>
internal sealed class ClusterBench : IAsyncDisposable
{
    private ClusterBench(string dataDirectory, EmbeddedCluster cluster, KubeClient client)
    {
        DataDirectory = dataDirectory;
        Cluster = cluster;
        Client = client;
    }

    public string DataDirectory { get; }

    public EmbeddedCluster Cluster { get; }

    public KubeClient Client { get; }

    public static async Task<ClusterBench> StartAsync()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("labs-bench-").FullName;
        var cluster = await EmbeddedCluster.StartAsync(
            new EmbeddedClusterOptions { DataDirectory = dataDirectory }, NullLoggerFactory.Instance, CancellationToken.None);
        var client = new KubeClient(KubeConnection.FromKubeconfigFile(cluster.AdminKubeconfigPath));
        return new ClusterBench(dataDirectory, cluster, client);
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
