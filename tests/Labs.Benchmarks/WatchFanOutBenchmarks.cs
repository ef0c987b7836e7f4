using System.Diagnostics;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Labs.Cluster.Storage;

namespace Labs.Benchmarks;

/// <summary>
/// Event fan-out: 1,000 watches of a namespace's ConfigMaps held open over HTTPS (as many informers would), then one
/// change; an invocation lasts until every watch has the event, and the p99 is of each watch's delay from the write.
/// </summary>
[Config(typeof(WatchFanOutBenchmarks.Settings))]
public class WatchFanOutBenchmarks
{
    private const int Watches = 1000;
    private const string Ns = "fanout";
    private static readonly GroupResource ConfigMaps = new("", "configmaps");

    private readonly List<Task> _readers = [];
    private readonly CancellationTokenSource _stop = new();
    private ClusterBench _bench = null!;
    private HttpClient _http = null!;
    private int _revision;
    private long _writtenAt;
    private CountdownEvent _arrived = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bench = ClusterBench.StartAsync().GetAwaiter().GetResult();
        _http = AdminHttp.Create(_bench.Cluster, connections: Watches + 16);
        _http.Timeout = Timeout.InfiniteTimeSpan;
        var store = _bench.Cluster.Store;
        store.Create(StoreObjects.Namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = Ns } });
        store.Create(ConfigMaps, Ns, Settings.ConfigMap(0));
        var from = store.CurrentResourceVersion;
        var opened = new CountdownEvent(Watches);
        for (var i = 0; i < Watches; i++)
        {
            _readers.Add(Task.Run(() => WatchAsync(from, opened)));
        }

        if (!opened.Wait(TimeSpan.FromMinutes(2)))
        {
            throw new InvalidOperationException($"only {Watches - opened.CurrentCount} of {Watches} watches opened");
        }
    }

    [IterationSetup]
    public void Arm() => _arrived = new CountdownEvent(Watches);

    [Benchmark(Description = "Watch fan-out: one change to 1,000 watches")]
    public void FanOut()
    {
        var revision = Interlocked.Increment(ref _revision);
        Volatile.Write(ref _writtenAt, Stopwatch.GetTimestamp());
        _bench.Cluster.Store.Update(ConfigMaps, Ns, Settings.ConfigMap(revision));
        if (!_arrived.Wait(TimeSpan.FromMinutes(1)))
        {
            throw new InvalidOperationException($"{_arrived.CurrentCount} watches never got the change");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop.Cancel();
        try
        {
            Task.WaitAll([.. _readers], TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
            // The watches end by cancellation.
        }

        _http.Dispose();
        _bench.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stop.Dispose();
    }

    private async Task WatchAsync(long from, CountdownEvent opened)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/{Ns}/configmaps?watch=1&resourceVersion={from}");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
        response.EnsureSuccessStatusCode();
        opened.Signal();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
        while (!_stop.IsCancellationRequested && await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            if (line.Contains("\"MODIFIED\"", StringComparison.Ordinal))
            {
                LatencyFigures.Record(LatencyFigures.Key(nameof(FanOut), []), Stopwatch.GetElapsedTime(Volatile.Read(ref _writtenAt)).TotalMilliseconds);
                _arrived.Signal();
            }
        }
    }

    private sealed class Settings : ManualConfig
    {
        public Settings()
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(10));
            AddColumn(LatencyFigures.P99);
        }

        public static JsonObject ConfigMap(int revision) => new()
        {
            ["metadata"] = new JsonObject { ["name"] = "settings" },
            ["data"] = new JsonObject { ["revision"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
    }
}
