using k8s;
using Labs.Cluster;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Labs.Hosting;

/// <summary>
/// The platform's connection to Kubernetes: a real cluster (kubeconfig or in-cluster service account, read by
/// KubernetesClient) or the embedded cluster, which this class starts and stops. The web host starts it with the
/// host (<see cref="ClusterHostedService"/>); the CLI calls <see cref="StartAsync"/> itself. Everything else sees
/// only the client's <see cref="Configuration"/>.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly ClusterOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly SemaphoreSlim _starting = new(1, 1);
    private KubernetesClientConfiguration? _configuration;
    private EmbeddedCluster? _embedded;

    /// <summary>Creates the connection; nothing starts until <see cref="StartAsync"/>.</summary>
    public ClusterConnection(IOptions<ClusterOptions> options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options.Value;
        _loggerFactory = loggerFactory;
    }

    /// <summary>The client configuration for the cluster.</summary>
    /// <exception cref="InvalidOperationException">The connection has not been started.</exception>
    public KubernetesClientConfiguration Configuration =>
        _configuration ?? throw new InvalidOperationException("The cluster connection is not started yet: the host starts it with its hosted services, the CLI with ClusterConnection.StartAsync.");

    /// <summary>The embedded cluster, when it runs; null for a real cluster or before the start.</summary>
    public EmbeddedCluster? Embedded => _embedded;

    /// <summary>How the start-up message names the cluster.</summary>
    public string Description => _embedded is not null
        ? $"embedded cluster at {_embedded.Server}; admin kubeconfig: {_embedded.AdminKubeconfigPath}"
        : _options.InCluster
            ? $"{Configuration.Host} (in-cluster service account)"
            : $"{Configuration.Host} (context {Configuration.CurrentContext ?? "?"} of {_options.Kubeconfig})";

    /// <summary>Connects: reads the kubeconfig or the service account, or starts the embedded cluster. Safe to call twice.</summary>
    /// <exception cref="ClusterConnectionException">The kubeconfig or service account cannot be used.</exception>
    /// <exception cref="ClusterSetupException">The embedded cluster cannot start on this machine.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _starting.WaitAsync(cancellationToken);
        try
        {
            if (_configuration is not null)
            {
                return;
            }

            var configuration = _options.UsesEmbeddedCluster
                ? await StartEmbeddedAsync(cancellationToken)
                : _options.InCluster ? InCluster() : await FromKubeconfigAsync(cancellationToken);
            configuration.HttpClientTimeout = _options.RequestTimeout;
            _configuration = configuration;
        }
        finally
        {
            _starting.Release();
        }
    }

    /// <summary>Stops the embedded cluster (its pods' processes end, their storage is unmounted).</summary>
    public async ValueTask DisposeAsync()
    {
        var embedded = Interlocked.Exchange(ref _embedded, null);
        if (embedded is not null)
        {
            await embedded.DisposeAsync();
        }
    }

    private async Task<KubernetesClientConfiguration> FromKubeconfigAsync(CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(ClusterOptions.ExpandHome(_options.Kubeconfig!));
        if (!File.Exists(path))
        {
            throw new ClusterConnectionException($"Cluster:Kubeconfig '{path}' does not exist.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await KubernetesClientConfiguration.BuildConfigFromConfigFileAsync(new FileInfo(path), _options.Context);
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or IOException or FormatException or YamlDotNet.Core.YamlException or ArgumentException)
        {
            var context = _options.Context is null ? "its current context" : $"context '{_options.Context}'";
            throw new ClusterConnectionException($"Cluster:Kubeconfig '{path}' ({context}) cannot be used: {e.Message}", e);
        }
    }

    private static KubernetesClientConfiguration InCluster()
    {
        if (!KubernetesClientConfiguration.IsInCluster())
        {
            throw new ClusterConnectionException(
                "Cluster:InCluster is set, but this process does not run in a Kubernetes pod (no KUBERNETES_SERVICE_HOST or service account token).");
        }

        try
        {
            return KubernetesClientConfiguration.InClusterConfig();
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or IOException)
        {
            throw new ClusterConnectionException($"Cluster:InCluster: the pod's service account cannot be used: {e.Message}", e);
        }
    }

    private async Task<KubernetesClientConfiguration> StartEmbeddedAsync(CancellationToken cancellationToken)
    {
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
        _embedded = await EmbeddedCluster.StartAsync(clusterOptions, _loggerFactory, cancellationToken);
        var configuration = await KubernetesClientConfiguration.BuildConfigFromConfigFileAsync(new FileInfo(_embedded.AdminKubeconfigPath));
        // HTTP/1.1 on loopback: measured, a GET through HTTP/2 to the embedded API server took 1.6 ms against 1.2 ms, and
        // there is no network for multiplexing to save. Real clusters keep the client's HTTP/2.
        configuration.DisableHttp2 = true;
        return configuration;
    }
}
