extern alias cli;

using BenchmarkDotNet.Attributes;
using cli::Labs.Cli.Testing;
using Labs.Content;
using Microsoft.Extensions.Logging;

namespace Labs.Benchmarks;

/// <summary>
/// <c>labs test</c> time per lab of the library: a fresh session (namespace, RBAC, toolbox, setup), the checks before
/// the solution, the solution, the checks after, and the end of the session, on one embedded cluster.
/// </summary>
[PlatformJob]
public class LabTestBenchmarks
{
    private CliPlatform _platform = null!;
    private Lab _lab = null!;

    [ParamsSource(nameof(LabIds))]
    public string LabId { get; set; } = "";

    public static IEnumerable<string> LabIds() => LabCatalog.Load(RepoLabs()).All.Select(l => l.Id);

    [GlobalSetup]
    public void Setup()
    {
        _platform = CliPlatform.StartAsync(null, null, null, LogLevel.Warning, CancellationToken.None).GetAwaiter().GetResult();
        _lab = LabCatalog.Load(RepoLabs()).Find(LabId)!;
    }

    [Benchmark(Description = "labs test, one lab")]
    public async Task TestLabAsync()
    {
        var result = await new LabTestRunner(_platform).RunAsync(_lab, _ => { }, CancellationToken.None);
        if (!result.Passed)
            throw new InvalidOperationException(string.Join("; ", result.Problems));
    }

    [GlobalCleanup]
    public void Cleanup() => _platform.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static string RepoLabs()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Labs.sln")))
                return Path.Combine(dir.FullName, "labs");
        }
        throw new InvalidOperationException($"No Labs.sln above {AppContext.BaseDirectory}.");
    }
}
