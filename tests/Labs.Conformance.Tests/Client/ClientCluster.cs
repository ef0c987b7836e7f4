using k8s;
using Labs.Kube;

namespace Labs.Conformance.Tests.Client;

/// <summary>An embedded cluster (API only) with KubernetesClient over its admin kubeconfig, recording every response.</summary>
public class ClientCluster : KubectlCluster, IAsyncLifetime
{
    private Kubernetes? _client;

    public RecordingHandler Recorder { get; } = new();

    public KubernetesClientConfiguration Configuration { get; private set; } = null!;

    public Kubernetes Client => _client ?? throw new InvalidOperationException("The cluster is not started.");

    public new async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Configuration = await KubernetesClientConfiguration.BuildConfigFromConfigFileAsync(new FileInfo(Cluster.AdminKubeconfigPath));
        _client = KubeClients.Create(Configuration, Recorder);
    }

    public new async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
