using BenchmarkDotNet.Attributes;
using Labs.Kube;
using Labs.Sessions;
using Labs.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Labs.Benchmarks;

/// <summary>
/// Session start as a learner feels it: from pressing Start to a shell prompt in the terminal (namespace, RBAC,
/// token, toolbox pod, exec into a sandboxed bash that loads kubectl completion).
/// </summary>
[PlatformJob]
public class SessionStartBenchmarks
{
    private ClusterBench _bench = null!;
    private SessionManager _sessions = null!;
    private PodExec _exec = null!;
    private LabSession? _session;
    private readonly TestDatabase _database = TestDatabase.Create();

    [GlobalSetup]
    public void Setup()
    {
        _bench = ClusterBench.StartAsync().GetAwaiter().GetResult();
        var options = new LabSessionOptions
        {
            ToolboxServer = _bench.Cluster.Server,
            ToolboxCertificateAuthorityPem = _bench.Cluster.CertificateAuthorityPem,
        };
        _exec = new PodExec(_bench.Client);
        _sessions = new SessionManager(
            _bench.Client, new KubeObjects(_bench.Client, new KindCatalog(_bench.Client)), _exec, KubeEndpoint.From(_bench.Configuration),
            new SessionRegistry(), _database.Factory, Options.Create(options), NullLogger<SessionManager>.Instance, TimeProvider.System);
    }

    [Benchmark(Description = "Session start: click to prompt")]
    public async Task StartToPromptAsync()
    {
        _session = await _sessions.StartAsync("benchmark", "benchmark-learner");
        await using var shell = await _exec.StartAsync(new ExecRequest(_session.ToolboxNamespace, _session.ToolboxPod, _session.ShellCommand));
        await SessionFigures.WaitForPromptAsync(shell);
    }

    [IterationCleanup]
    public void EndSession()
    {
        if (_session is not null)
        {
            _sessions.EndAsync(_session.Id).GetAwaiter().GetResult();
            _session = null;
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bench.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _database.Dispose();
    }
}
