using System.Text.Json.Nodes;
using Labs.Cluster.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Labs.Cluster.Workloads;

/// <summary>A started simulator over a fake store and a fresh data directory; disposed after each test.</summary>
internal sealed class SimulatorFixture : IAsyncDisposable
{
    public SimulatorFixture(TimeSpan? podStartDelay = null, IObjectStore? store = null, Action<WorkloadOptions>? configure = null)
    {
        Store = store ?? new FakeObjectStore();
        DataDirectory = Directory.CreateTempSubdirectory("labs-workloads-").FullName;
        Options = new WorkloadOptions { DataDirectory = DataDirectory, PodStartDelay = podStartDelay ?? TimeSpan.Zero };
        configure?.Invoke(Options);
        Simulator = new WorkloadSimulator(Store, Options, NullLoggerFactory.Instance);
        Simulator.Start();
    }

    public IObjectStore Store { get; }

    /// <summary>A simulator over the registry's write path (finalizers, defaults, graceful deletion) with one namespace.</summary>
    public static SimulatorFixture OverRegistry(string ns)
    {
        var store = new Registry.RegistryStore(new InMemoryObjectStore());
        store.Create(WorkloadResources.Namespaces, null, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } });
        return new SimulatorFixture(store: store);
    }

    public string DataDirectory { get; }

    public WorkloadOptions Options { get; }

    public WorkloadSimulator Simulator { get; }

    /// <summary>What <c>kubectl logs</c> would print for the pod's (first) container now.</summary>
    public async Task<string> LogsAsync(JsonObject pod)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;
        await Simulator.HandleLogAsync(context, pod, TestContext.Current.CancellationToken);
        return System.Text.Encoding.UTF8.GetString(body.ToArray());
    }

    public IReadOnlyList<JsonObject> Pods(string ns) => Store.List(WorkloadResources.Pods, ns).Items;

    public IReadOnlyList<JsonObject> List(GroupResource resource, string ns) => Store.List(resource, ns).Items;

    public async ValueTask DisposeAsync()
    {
        await Simulator.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }

    public static JsonObject Deployment(string name, int replicas, string image = "nginx") => (JsonObject)JsonNode.Parse($$"""
        {
          "apiVersion": "apps/v1", "kind": "Deployment",
          "metadata": { "name": "{{name}}", "labels": { "app": "{{name}}" } },
          "spec": {
            "replicas": {{replicas}},
            "selector": { "matchLabels": { "app": "{{name}}" } },
            "template": {
              "metadata": { "labels": { "app": "{{name}}" } },
              "spec": { "containers": [ { "name": "main", "image": "{{image}}" } ] }
            }
          }
        }
        """)!;
}
