using System.Diagnostics;
using Labs.Cluster;
using Microsoft.Extensions.Logging.Abstractions;

namespace Labs.Conformance.Tests;

/// <summary>
/// One embedded cluster for a test class, and a runner for the real kubectl against it, with a fresh discovery cache
/// directory so no earlier server's answers leak in.
/// </summary>
public class KubectlCluster : IAsyncLifetime
{
    /// <summary>The kubectl the tests run.</summary>
    public const string KubectlPath = "/usr/bin/kubectl";

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "labs-conformance-" + Guid.NewGuid().ToString("N")[..8]);
    private EmbeddedCluster? _cluster;

    /// <summary>Whether the simulated controllers and kubelet run; off for plain API tests.</summary>
    protected virtual bool RunWorkloads => false;

    public EmbeddedCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    /// <summary>A new, empty directory under this fixture's temp root.</summary>
    public string NewDirectory()
    {
        var path = Path.Combine(_root, Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    private string CacheDirectory => Path.Combine(_root, "kube-cache");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(CacheDirectory);
        _cluster = await EmbeddedCluster.StartAsync(
            new EmbeddedClusterOptions { DataDirectory = Path.Combine(_root, "data"), RunWorkloads = RunWorkloads },
            NullLoggerFactory.Instance,
            CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A fresh namespace for one test.</summary>
    public async Task<string> CreateNamespaceAsync()
    {
        var name = "t-" + Guid.NewGuid().ToString("N")[..8];
        var result = await RunAsync("create", "namespace", name);
        Assert.True(result.ExitCode == 0, result.ToString());
        return name;
    }

    /// <summary>Writes a manifest to a temp file and returns its path.</summary>
    public string WriteManifest(string yaml)
    {
        var path = Path.Combine(_root, Guid.NewGuid().ToString("N")[..8] + ".yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>Runs kubectl with the admin kubeconfig and waits (up to 90 s) for it to exit.</summary>
    public Task<KubectlResult> RunAsync(params string[] args) => RunWithCacheAsync(CacheDirectory, args);

    /// <summary>Runs kubectl with <paramref name="stdin"/> (or nothing) on its standard input.</summary>
    public Task<KubectlResult> RunWithInputAsync(string? stdin, params string[] args) => RunWithCacheAsync(CacheDirectory, args, stdin);

    /// <summary>
    /// Runs the kubectl at <paramref name="kubectl"/> (a versioned build) with <paramref name="stdin"/>, with a discovery
    /// cache of that build's own.
    /// </summary>
    public Task<KubectlResult> RunWithInputAsync(string kubectl, string? stdin, params string[] args)
    {
        var cache = Path.Combine(_root, "kube-cache-" + Path.GetFileName(kubectl));
        Directory.CreateDirectory(cache);
        return RunWithCacheAsync(cache, args, stdin, kubectl);
    }

    /// <summary>Runs kubectl with its own discovery cache directory (to observe discovery from scratch).</summary>
    public Task<KubectlResult> RunWithCacheAsync(string cacheDirectory, params string[] args) => RunWithCacheAsync(cacheDirectory, args, null);

    private async Task<KubectlResult> RunWithCacheAsync(string cacheDirectory, string[] args, string? stdin, string kubectl = KubectlPath)
    {
        var info = StartInfo(cacheDirectory, args, redirectInput: true, kubectl);
        return await RunAsync(info, $"kubectl {string.Join(' ', args)}", stdin);
    }

    private static async Task<KubectlResult> RunAsync(ProcessStartInfo info, string what, string? stdin)
    {
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");
        await process.StandardInput.WriteAsync(stdin ?? string.Empty);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{what} did not finish within {DefaultTimeout.TotalSeconds} s");
        }

        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// The Helm the platform binds into sandboxes (<c>scripts/install-helm.sh</c>, copied beside these tests by the
    /// build as <c>tools/helm</c>).
    /// </summary>
    public static string HelmPath => Path.Combine(AppContext.BaseDirectory, "tools", "helm");

    /// <summary>Runs Helm against this cluster as the admin, in <paramref name="workingDirectory"/>, with its caches under this fixture's root.</summary>
    public async Task<KubectlResult> RunHelmAsync(string workingDirectory, params string[] args)
    {
        if (!File.Exists(HelmPath))
            throw new InvalidOperationException($"{HelmPath} is missing: scripts/install-helm.sh installs Helm and the build copies it here");
        var info = new ProcessStartInfo(HelmPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["KUBECONFIG"] = Cluster.AdminKubeconfigPath;
        info.Environment["HOME"] = _root;
        foreach (var (variable, folder) in new[] { ("HELM_CACHE_HOME", "helm-cache"), ("HELM_CONFIG_HOME", "helm-config"), ("HELM_DATA_HOME", "helm-data") })
        {
            info.Environment[variable] = Path.Combine(_root, folder);
        }

        return await RunAsync(info, $"helm {string.Join(' ', args)}", null);
    }

    /// <summary>Starts kubectl without waiting (for <c>get -w</c>); the caller reads and kills it.</summary>
    public Process Start(params string[] args) => Start(CacheDirectory, args, redirectInput: false);

    /// <summary>Starts kubectl without waiting, with extra environment variables (e.g. to turn a client feature off).</summary>
    public Process StartWithEnvironment(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = StartInfo(CacheDirectory, args, redirectInput: false, KubectlPath);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {KubectlPath}");
    }

    private Process Start(string cacheDirectory, string[] args, bool redirectInput, string kubectl = KubectlPath) =>
        Process.Start(StartInfo(cacheDirectory, args, redirectInput, kubectl)) ?? throw new InvalidOperationException($"could not start {kubectl}");

    private ProcessStartInfo StartInfo(string cacheDirectory, string[] args, bool redirectInput, string kubectl)
    {
        var info = new ProcessStartInfo(kubectl)
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(Cluster.AdminKubeconfigPath);
        info.ArgumentList.Add("--cache-dir");
        info.ArgumentList.Add(cacheDirectory);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["HOME"] = _root;
        return info;
    }
}
