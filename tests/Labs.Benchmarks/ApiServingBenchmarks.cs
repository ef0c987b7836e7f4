using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Labs.Benchmarks;

/// <summary>
/// The embedded API server over HTTPS as clients use it: GET of one pod and LIST of 100 pods as a Table (what kubectl
/// get asks), and durable writes: a merge PATCH and a server-side apply of a ConfigMap with managed fields to keep;
/// by 1 and 16 concurrent clients; per second (1 s / Mean, each invocation is many requests) and per-request p99.
/// </summary>
[Config(typeof(ApiServingBenchmarks.Settings))]
public class ApiServingBenchmarks
{
    private const int Requests = 2000;
    private const string Table = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
    private static int _written;
    private ClusterBench _bench = null!;
    private HttpClient _http = null!;

    [Params(1, 16)]
    public int Clients { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _bench = ClusterBench.StartAsync().GetAwaiter().GetResult();
        _http = AdminHttp.Create(_bench.Cluster);
        var ns = StoreObjects.Namespace(0);
        _bench.Cluster.Store.Create(StoreObjects.Namespaces, null, new System.Text.Json.Nodes.JsonObject { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = ns } });
        for (var i = 0; i < 100; i++)
        {
            // Without the ReplicaSet the sample pod names as its owner, which the garbage collector would act on.
            var pod = StoreObjects.Pod(ns, $"web-{i}");
            pod["metadata"]!.AsObject().Remove("ownerReferences");
            _bench.Cluster.Store.Create(StoreObjects.Pods, ns, pod);
        }

        // One ConfigMap per client, as learners each write their own objects.
        for (var i = 0; i < 16; i++)
        {
            using var created = _http.PostAsync($"/api/v1/namespaces/{ns}/configmaps?fieldManager=kubectl-create",
                Body($$$"""{"metadata":{"name":"settings-{{{i}}}","labels":{"app":"web"}},"data":{"n":"0","color":"blue"}}""", "application/json"))
                .GetAwaiter().GetResult();
            created.EnsureSuccessStatusCode();
        }
    }

    [Benchmark(Description = "API GET pod", OperationsPerInvoke = Requests)]
    public Task GetAsync() => RunAsync(nameof(GetAsync), $"/api/v1/namespaces/{StoreObjects.Namespace(0)}/pods/web-7", null);

    [Benchmark(Description = "API LIST 100 pods as Table", OperationsPerInvoke = Requests / 4)]
    public Task ListTableAsync() => RunAsync(nameof(ListTableAsync), $"/api/v1/namespaces/{StoreObjects.Namespace(0)}/pods", Table, Requests / 4);

    [Benchmark(Description = "API PATCH configmap (merge)", OperationsPerInvoke = Requests / 4)]
    public Task PatchAsync() => RunAsync(nameof(PatchAsync), $"/api/v1/namespaces/{StoreObjects.Namespace(0)}/configmaps/settings-{{client}}?fieldManager=bench",
        null, Requests / 4, n => Body($$$"""{"data":{"n":"{{{n.Value}}}"}}""", "application/merge-patch+json"));

    [Benchmark(Description = "API server-side apply configmap", OperationsPerInvoke = Requests / 4)]
    public Task ApplyAsync() => RunAsync(nameof(ApplyAsync), $"/api/v1/namespaces/{StoreObjects.Namespace(0)}/configmaps/settings-{{client}}?fieldManager=bench-apply&force=true",
        null, Requests / 4, n => Body($$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings-{{{n.Client}}}"},"data":{"n":"{{{n.Value}}}"}}""", "application/apply-patch+yaml"));

    private static StringContent Body(string json, string type) =>
        new(json, System.Text.Encoding.UTF8, System.Net.Http.Headers.MediaTypeHeaderValue.Parse(type));

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _bench.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    // A write sends the body for a fresh number each time, so that every request changes the object; "{client}" in the
    // path is the client's number.
    private async Task RunAsync(string method, string path, string? accept, int requests = Requests,
        Func<(int Client, int Value), HttpContent>? write = null)
    {
        var key = LatencyFigures.Key(method, [Clients]);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            var target = path.Replace("{client}", client.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            while (Interlocked.Increment(ref next) < requests)
            {
                using var request = new HttpRequestMessage(write is null ? HttpMethod.Get : HttpMethod.Patch, target);
                if (write is not null)
                {
                    request.Content = write((client, Interlocked.Increment(ref _written)));
                }

                if (accept is not null)
                {
                    request.Headers.TryAddWithoutValidation("Accept", accept);
                }

                var started = Stopwatch.GetTimestamp();
                using var response = await _http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
                LatencyFigures.Record(key, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
    }

    private sealed class Settings : ManualConfig
    {
        public Settings()
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(8));
            AddColumn(FigureColumn.PerSecond, LatencyFigures.P99);
        }
    }
}

/// <summary>An HttpClient for the embedded cluster's API as its administrator.</summary>
internal static class AdminHttp
{
    public static HttpClient Create(Labs.Cluster.EmbeddedCluster cluster, int connections = 64) =>
        Labs.Testing.ClusterHttp.Create(cluster.Server, cluster.CertificateAuthorityPem, cluster.AdminToken, connections);
}
