using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Labs.Cluster.Storage;

namespace Labs.Benchmarks;

/// <summary>
/// Acknowledged writes per second: each write (a pod update) returns once it is durable (fsync), so one writer waits
/// for every fsync, and concurrent writers share them (group commit). The in-memory store is the ceiling.
/// </summary>
[StoreJob(RunStrategy.Monitoring)]
public class StoreWriteBenchmarks
{
    private const int Writes = 1024;
    private string _directory = null!;
    private IObjectStore _store = null!;
    private int _revision;

    [Params(1, 8, 64)]
    public int Writers { get; set; }

    [Params("durable", "in memory")]
    public string Store { get; set; } = "durable";

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("labs-bench-store-").FullName;
        _store = Store == "durable" ? DurableObjectStore.Open(Path.Combine(_directory, DurableObjectStore.FileName)) : new InMemoryObjectStore();
        StoreObjects.Fill(_store, namespaces: 1, podsPerNamespace: Writes);
    }

    [Benchmark(Description = "Acknowledged pod update", OperationsPerInvoke = Writes)]
    public void Update()
    {
        var revision = ++_revision;
        var ns = StoreObjects.Namespace(0);
        var threads = Enumerable.Range(0, Writers).Select(w => new Thread(() =>
        {
            for (var i = w; i < Writes; i += Writers)
            {
                _store.Update(StoreObjects.Pods, ns, StoreObjects.Pod(ns, $"web-{i}", revision));
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        (_store as IDisposable)?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
