using System.Diagnostics;
using System.Globalization;
using System.Text;
using Labs.Kube;
using Labs.Sessions;
using Labs.Terminal;
using Labs.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Labs.Benchmarks;

/// <summary>
/// The session figures of issue 8, as a learner feels them, against the embedded cluster: start to shell prompt in the
/// page's first terminal (as the terminal hub serves it) cold and from the warm pool (p50, p99), 100 starts at once (p99 to ready), and memory per idle session with its shell
/// open (the platform process and every sandbox process it started). Percentiles need many runs, which
/// BenchmarkDotNet's iterations do not give, so this measures with a stopwatch and prints a table.
/// </summary>
internal static class SessionFigures
{
    private const int Runs = 20;
    private const int Simultaneous = 100;
    private const int IdleSessions = 20;
    private const string Lab = "bench";

    public static async Task RunAsync()
    {
        await using var bench = await ClusterBench.StartAsync();
        using var database = TestDatabase.Create();
        var exec = new PodExec(bench.Client);
        var options = new LabSessionOptions { ToolboxServer = bench.Cluster.Server, ToolboxCertificateAuthorityPem = bench.Cluster.CertificateAuthorityPem, MaxLiveSessionsPerLearner = 1000 };
        var registry = new SessionRegistry();
        await using var terminals = new TerminalConnections(
            exec, registry, TimeProvider.System, NullLogger<TerminalConnections>.Instance, Options.Create(new TerminalOptions()));
        using var sessions = new SessionManager(
            bench.Client, new KubeObjects(bench.Client, new KindCatalog(bench.Client)), exec, KubeEndpoint.From(bench.Configuration),
            registry, database.Factory, Options.Create(options), NullLogger<SessionManager>.Instance, TimeProvider.System, [terminals]);

        await StartToPromptAsync(sessions, terminals, "warm-up"); // JIT and the cluster's first pod
        var cold = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            cold.Add(await StartToPromptAsync(sessions, terminals, $"cold-{i}"));
        }

        sessions.ConfigurePool(Lab, 1, _ => Task.FromResult(LabSetup.None));
        var pooled = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            await sessions.FillPoolsAsync(); // Refilled between learners, as the background filler does.
            pooled.Add(await StartToPromptAsync(sessions, terminals, $"pooled-{i}"));
        }

        sessions.ConfigurePool(Lab, 0, _ => Task.FromResult(LabSetup.None));
        var together = await Task.WhenAll(Enumerable.Range(0, Simultaneous).Select(async i =>
        {
            var watch = Stopwatch.StartNew();
            var session = await sessions.StartAsync(Lab, $"class-{i}");
            return (watch.Elapsed.TotalMilliseconds, session.Id);
        }));
        foreach (var (_, id) in together)
        {
            await sessions.EndAsync(id);
        }

        var perIdle = await MemoryPerIdleSessionAsync(sessions, exec);
        Print(cold, pooled, [.. together.Select(t => t.TotalMilliseconds)], perIdle);
    }

    /// <summary>Start, then the page's first terminal until its prompt shows: what a learner waits for after pressing Start.</summary>
    private static async Task<double> StartToPromptAsync(SessionManager sessions, TerminalConnections terminals, string learner)
    {
        var watch = Stopwatch.StartNew();
        var session = await sessions.StartAsync(Lab, learner);
        var seen = new StringBuilder();
        await foreach (var frame in terminals.WatchAsync("bench", learner, session.Id, TerminalConnections.FirstTerminalId, null, 0, 80, 24))
        {
            if (frame.Error is not null || frame.Exit is not null)
            {
                throw new InvalidOperationException($"The terminal ended before its prompt: {frame.Error ?? $"exit {frame.Exit}"}");
            }

            seen.Append(Encoding.UTF8.GetString(Convert.FromBase64String(frame.Data)));
            if (IsPrompt(seen))
            {
                break;
            }
        }

        var elapsed = watch.Elapsed.TotalMilliseconds;
        await sessions.EndAsync(session.Id);
        return elapsed;
    }

    /// <summary>Whether the output ends in the shell's prompt, "$ " (or "# " as root).</summary>
    private static bool IsPrompt(StringBuilder seen)
    {
        var text = seen.ToString().TrimEnd(' ');
        return text.EndsWith('$') || text.EndsWith('#');
    }

    /// <summary>Reads the shell's output until its prompt, which ends in "$ " (or "# " as root).</summary>
    public static async Task WaitForPromptAsync(IExecSession shell)
    {
        var seen = new StringBuilder();
        await foreach (var chunk in shell.ReadOutputAsync())
        {
            seen.Append(Encoding.UTF8.GetString(chunk.Data.Span));
            if (IsPrompt(seen))
            {
                return;
            }
        }

        throw new InvalidOperationException($"The shell ended before its prompt: {seen}");
    }

    private static async Task<double> MemoryPerIdleSessionAsync(SessionManager sessions, PodExec exec)
    {
        GC.Collect();
        var before = ProcessTreeRss();
        var shells = new List<IExecSession>();
        var started = new List<string>();
        for (var i = 0; i < IdleSessions; i++)
        {
            var session = await sessions.StartAsync(Lab, $"idle-{i}");
            started.Add(session.Id);
            var shell = await exec.StartAsync(new ExecRequest(session.ToolboxNamespace, session.ToolboxPod, session.ShellCommand));
            await WaitForPromptAsync(shell);
            shells.Add(shell);
        }

        GC.Collect();
        var after = ProcessTreeRss();
        foreach (var shell in shells)
        {
            await shell.DisposeAsync();
        }

        foreach (var id in started)
        {
            await sessions.EndAsync(id);
        }

        return (after - before) / (double)IdleSessions / (1024 * 1024);
    }

    /// <summary>Resident memory of this process and all its descendants (the sandboxes), from /proc.</summary>
    private static long ProcessTreeRss()
    {
        var parents = new Dictionary<int, int>();
        var rss = new Dictionary<int, long>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                foreach (var line in File.ReadLines(Path.Combine(dir, "status")))
                {
                    if (line.StartsWith("PPid:", StringComparison.Ordinal))
                    {
                        parents[pid] = int.Parse(line[5..].Trim(), CultureInfo.InvariantCulture);
                    }
                    else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    {
                        rss[pid] = long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                    }
                }
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
        }

        var self = Environment.ProcessId;
        bool InTree(int pid)
        {
            for (var depth = 0; depth < 64 && pid > 1; depth++)
            {
                if (pid == self)
                {
                    return true;
                }

                pid = parents.GetValueOrDefault(pid);
            }

            return false;
        }

        return rss.Where(p => InTree(p.Key)).Sum(p => p.Value);
    }

    private static void Print(List<double> cold, List<double> pooled, List<double> together, double perIdleMiB)
    {
        Console.WriteLine();
        Console.WriteLine("| Session figure | Measured | Target |");
        Console.WriteLine("| --- | --- | --- |");
        Console.WriteLine($"| Start to prompt, cold, p50 / p99 ({Runs} runs) | {P(cold, 50):0} ms / {P(cold, 99):0} ms | ≤ 1000 ms |");
        Console.WriteLine($"| Start to prompt, from the pool, p50 / p99 ({Runs} runs) | {P(pooled, 50):0} ms / {P(pooled, 99):0} ms | ≤ 150 ms / ≤ 500 ms |");
        Console.WriteLine($"| {Simultaneous} simultaneous starts, p99 to ready | {P(together, 99):0} ms | ≤ 2000 ms |");
        Console.WriteLine($"| Memory per idle session with its shell ({IdleSessions} sessions) | {perIdleMiB:0.0} MiB | ≤ 20 MiB |");
        Console.WriteLine();
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
