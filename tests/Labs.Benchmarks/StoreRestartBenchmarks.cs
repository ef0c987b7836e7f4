using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Labs.Cluster;
using Labs.Cluster.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Labs.Benchmarks;

/// <summary>
/// A restart with 50,000 pods in the store: opening the store file (reading, checking and parsing every object), and
/// the whole embedded cluster until it serves. Also what the store keeps in memory per 1,000 objects.
/// </summary>
[StoreJob(RunStrategy.Monitoring)]
public class StoreRestartBenchmarks
{
    private const int Namespaces = 500;
    private const int PodsPerNamespace = 100;
    private string _directory = null!;
    private string _storePath = null!;
    private DurableObjectStore? _store;
    private EmbeddedCluster? _cluster;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("labs-bench-restart-").FullName;
        _storePath = EmbeddedCluster.StorePath(_directory);
        using (var store = DurableObjectStore.Open(_storePath))
        {
            StoreObjects.Fill(store, Namespaces, PodsPerNamespace);
        }

        MeasureMemory();
    }

    [Benchmark(Description = "Restart: open the store of 50,000 pods")]
    public void OpenStore() => _store = DurableObjectStore.Open(_storePath);

    [Benchmark(Description = "Restart: embedded cluster with 50,000 pods, until it serves")]
    public async Task StartClusterAsync() =>
        _cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { DataDirectory = _directory }, NullLoggerFactory.Instance, CancellationToken.None);

    /// <summary>The shutdown is not part of the restart.</summary>
    [IterationCleanup]
    public void Stop()
    {
        _store?.Dispose();
        _store = null;
        _cluster?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _cluster = null;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    /// <summary>
    /// What the objects take once loaded, and once every one has been read (reads fill in what loading leaves for
    /// later); and, to compare, what the same objects take in a store that only ever lived in memory.
    /// </summary>
    private void MeasureMemory()
    {
        const double Thousands = Namespaces * PodsPerNamespace / 1000.0;
        static string Megabytes(double bytes) => (bytes / 1024 / 1024).ToString("F1", CultureInfo.InvariantCulture) + " MB";
        var before = GC.GetTotalMemory(forceFullCollection: true);
        string durable;
        using (var store = DurableObjectStore.Open(_storePath))
        {
            var loaded = GC.GetTotalMemory(forceFullCollection: true);
            for (var n = 0; n < Namespaces; n++)
            {
                _ = store.List(StoreObjects.Pods, StoreObjects.Namespace(n));
            }

            var read = GC.GetTotalMemory(forceFullCollection: true);
            durable = $"{Megabytes((loaded - before) / Thousands)} loaded, {Megabytes((read - before) / Thousands)} once read";
        }

        before = GC.GetTotalMemory(forceFullCollection: true);
        var memory = new InMemoryObjectStore();
        StoreObjects.Fill(memory, Namespaces, PodsPerNamespace);
        var filled = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(memory);
        StoreFigures.ByBenchmark[nameof(OpenStore)] = $"{durable} (in memory only: {Megabytes((filled - before) / Thousands)})";
    }
}
