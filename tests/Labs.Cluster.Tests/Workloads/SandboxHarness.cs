using System.Text;
using System.Text.Json.Nodes;
using Labs.Cluster.Workloads.Exec;
using Labs.Cluster.Workloads.Isolation;

namespace Labs.Cluster.Workloads;

/// <summary>
/// Runs commands in pod sandboxes as the kubelet prepares them (host user, storage, cgroup), in a fresh data
/// directory that is removed, with everything the sandboxes left, when the test ends.
/// </summary>
internal sealed class SandboxHarness : IDisposable
{
    public SandboxHarness(Action<WorkloadOptions>? configure = null)
    {
        DataDirectory = Directory.CreateTempSubdirectory("labs-sandbox-").FullName;
        Options = new WorkloadOptions { DataDirectory = DataDirectory, CgroupParent = "labs-test-" + Guid.NewGuid().ToString("N")[..8] };
        configure?.Invoke(Options);
        Sandboxes = new PodSandboxes(Options);
        Tools = new SandboxTools(Options);
        if (Tools.Missing(needsSetPriv: true, needsSocat: false) is { } missing)
        {
            throw new InvalidOperationException(missing);
        }
    }

    public string DataDirectory { get; }

    public WorkloadOptions Options { get; }

    public PodSandboxes Sandboxes { get; }

    public SandboxTools Tools { get; }

    /// <summary>A pod object as the store holds it: a uid, a name, one container with the given limits.</summary>
    public static JsonObject Pod(string uid = "uid-1", string name = "pod-a", string? limits = null, string? annotations = null) =>
        (JsonObject)JsonNode.Parse($$"""
            {
              "apiVersion": "v1", "kind": "Pod",
              "metadata": { "name": "{{name}}", "namespace": "learner-1", "uid": "{{uid}}", "annotations": {{annotations ?? "{}"}} },
              "spec": { "nodeName": "labs-node-1", "containers": [ { "name": "main", "image": "debian", "resources": { "limits": {{limits ?? "{}"}} } } ] }
            }
            """)!;

    public SandboxSpec Spec(JsonObject pod, bool tty, IReadOnlyList<SandboxMount>? mounts, params string[] command) => new(
        pod.Str("metadata", "name")!,
        Sandboxes.Prepare(pod),
        mounts ?? [],
        Sandbox.Home,
        new Dictionary<string, string> { ["PATH"] = Sandbox.SearchPath, ["HOME"] = Sandbox.Home, ["TERM"] = "xterm-256color" },
        command,
        tty,
        Tools: Tools.Extra);

    public ISandboxProcess Start(SandboxSpec spec)
    {
        try
        {
            return Sandbox.Start(Tools, spec);
        }
        finally
        {
            foreach (var mount in spec.Mounts)
            {
                mount.Source.Dispose();
            }
        }
    }

    /// <summary>Runs a command to its end (bounded in time) and returns everything it printed and its exit code.</summary>
    public async Task<(string Output, int ExitCode)> RunAsync(JsonObject pod, params string[] command)
    {
        return await CollectAsync(Start(Spec(pod, false, null, command)));
    }

    public static async Task<(string Output, int ExitCode)> CollectAsync(ISandboxProcess process)
    {
        var output = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await foreach (var (_, data) in process.ReadOutputAsync(timeout.Token))
        {
            output.Append(Encoding.UTF8.GetString(data));
        }

        var code = await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken);
        await process.DisposeAsync();
        return (output.ToString(), code);
    }

    public void Dispose()
    {
        foreach (var dir in Directory.EnumerateDirectories(Sandboxes.PodsDirectory))
        {
            Sandboxes.Release(Path.GetFileName(dir));
        }

        Sandboxes.Shutdown();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
