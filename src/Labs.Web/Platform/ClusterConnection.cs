using Labs.Cluster;
using Labs.Kube;
using Microsoft.Extensions.Options;

namespace Labs.Web.Platform;

/// <summary>
/// The platform's connection to Kubernetes: a real cluster from a kubeconfig, or the embedded cluster, which this
/// class starts on first use and stops when the host shuts down. Everything else sees only a <see cref="KubeConnection"/>.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly ClusterOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Lazy<KubeConnection> _connection;
    private EmbeddedCluster? _embedded;

    /// <summary>Creates the connection; nothing starts until <see cref="Connection"/> is first read.</summary>
    public ClusterConnection(IOptions<ClusterOptions> options, ILoggerFactory loggerFactory)
    {
        _options = options.Value;
        _loggerFactory = loggerFactory;
        _connection = new Lazy<KubeConnection>(Connect, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The connection, starting the embedded cluster if that is the configured mode.</summary>
    public KubeConnection Connection => _connection.Value;

    /// <summary>The embedded cluster, when it runs; null for a real cluster.</summary>
    public EmbeddedCluster? Embedded
    {
        get
        {
            _ = Connection;
            return _embedded;
        }
    }

    /// <summary>PEM of the CA of the API server, for kubeconfigs handed to learners; null when none is configured.</summary>
    public string? CertificateAuthorityPem =>
        Connection.CertificateAuthorities.Count == 0
            ? null
            : string.Concat(Connection.CertificateAuthorities.Select(c => c.ExportCertificatePem() + "\n"));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_embedded is not null)
        {
            await _embedded.DisposeAsync();
        }
    }

    private KubeConnection Connect()
    {
        if (!string.IsNullOrWhiteSpace(_options.Kubeconfig))
        {
            return KubeConnection.FromKubeconfigFile(ClusterOptions.ExpandHome(_options.Kubeconfig), _options.Context);
        }

        var dataDirectory = _options.ResolvedDataDirectory();
        Directory.CreateDirectory(dataDirectory);
        if (Environment.IsPrivilegedProcess && !OperatingSystem.IsWindows())
        {
            // Pods' sandboxes run as users of their own and pass through here to their directories: traversal only
            // (o+x, no listing); everything secret below is a 0600 file.
            File.SetUnixFileMode(dataDirectory, File.GetUnixFileMode(dataDirectory) | UnixFileMode.OtherExecute);
        }

        var clusterOptions = new EmbeddedClusterOptions
        {
            DataDirectory = Path.Combine(dataDirectory, "cluster"),
            Port = _options.EmbeddedPort,
            NodeCount = _options.EmbeddedNodes,
        };

        // Resolved once, from DI on the start-up path, where no synchronization context can deadlock the wait.
        _embedded = EmbeddedCluster.StartAsync(clusterOptions, _loggerFactory, CancellationToken.None).GetAwaiter().GetResult();
        return KubeConnection.FromKubeconfigFile(_embedded.AdminKubeconfigPath);
    }
}
