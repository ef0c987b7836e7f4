using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using k8s;

namespace Labs.Benchmarks;

/// <summary>
/// What a learner waits for on every command: the real kubectl against the embedded cluster (process start,
/// version check, discovery from a warm cache, one request), and the same read through the platform's client (KubernetesClient).
/// </summary>
[PlatformJob]
public class KubectlRoundTripBenchmarks
{
    private ClusterBench _bench = null!;
    private string _cacheDirectory = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bench = ClusterBench.StartAsync().GetAwaiter().GetResult();
        _cacheDirectory = Path.Combine(_bench.DataDirectory, "kubectl-cache");
    }

    [Benchmark(Description = "kubectl get pods (process round trip)")]
    public void KubectlGetPods()
    {
        var start = new ProcessStartInfo("kubectl")
        {
            ArgumentList = { "--kubeconfig", _bench.Cluster.AdminKubeconfigPath, "--cache-dir", _cacheDirectory, "get", "pods", "-A" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl failed: {error.Result}");
        }
    }

    [Benchmark(Description = "API GET namespace (platform client)")]
    public Task ClientGetNamespaceAsync() => _bench.Client.CoreV1.ReadNamespaceAsync("default");

    [GlobalCleanup]
    public void Cleanup() => _bench.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
