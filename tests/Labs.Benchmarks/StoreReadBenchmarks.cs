using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Labs.Cluster.Storage;

namespace Labs.Benchmarks;

/// <summary>
/// GET and LIST are answered from memory whether or not the store is durable: the durable store's figures (after a
/// restart, so its objects are the ones read back from the file) must match the in-memory store's.
/// </summary>
[StoreJob(RunStrategy.Throughput)]
public class StoreReadBenchmarks
{
    private string _directory = null!;
    private IObjectStore _store = null!;

    [Params("durable", "in memory")]
    public string Store { get; set; } = "durable";

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("labs-bench-read-").FullName;
        var path = Path.Combine(_directory, DurableObjectStore.FileName);
        _store = Store == "durable" ? DurableObjectStore.Open(path) : new InMemoryObjectStore();
        StoreObjects.Fill(_store, namespaces: 50, podsPerNamespace: 100);
        if (_store is DurableObjectStore durable)
        {
            durable.Dispose();
            _store = DurableObjectStore.Open(path);
        }
    }

    [Benchmark(Description = "GET pod")]
    public object? Get() => _store.Get(StoreObjects.Pods, StoreObjects.Namespace(7), "web-42");

    [Benchmark(Description = "LIST 100 pods of a namespace")]
    public object List() => _store.List(StoreObjects.Pods, StoreObjects.Namespace(7));

    [GlobalCleanup]
    public void Cleanup()
    {
        (_store as IDisposable)?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
