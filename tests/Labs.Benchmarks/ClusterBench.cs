using k8s;
using Labs.Cluster;
using Labs.Hosting;
using Labs.Kube;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Labs.Benchmarks;

/// <summary>
/// An embedded cluster in a temporary directory, connected to as the platform connects (<see cref="ClusterConnection"/>),
/// with the platform's KubernetesClient, for a benchmark's lifetime.
/// </summary>
internal sealed class ClusterBench : IAsyncDisposable
{
    private readonly ClusterConnection _connection;

    private ClusterBench(string dataDirectory, ClusterConnection connection)
    {
        DataDirectory = dataDirectory;
        _connection = connection;
        Client = KubeClients.Create(connection.Configuration);
    }

    public string DataDirectory { get; }

    public EmbeddedCluster Cluster => _connection.Embedded!;

    public KubernetesClientConfiguration Configuration => _connection.Configuration;

    public Kubernetes Client { get; }

    /// <summary>Starts the cluster; <paramref name="nodes"/> simulated nodes (the platform's default without it).</summary>
    public static async Task<ClusterBench> StartAsync(int? nodes = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("labs-bench-").FullName;
        var options = new ClusterOptions { DataDirectory = dataDirectory };
        if (nodes is { } count)
        {
            options.EmbeddedNodes = count;
        }

        var connection = new ClusterConnection(Options.Create(options), NullLoggerFactory.Instance);
        await connection.StartAsync();
        return new ClusterBench(dataDirectory, connection);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _connection.DisposeAsync();
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
