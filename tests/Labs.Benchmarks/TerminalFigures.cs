using System.Diagnostics;
using System.Globalization;
using System.Net;
using Labs.Kube;
using Labs.Sessions;
using Labs.Terminal;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Labs.Benchmarks;

/// <summary>
/// The browser terminal's figures, through the whole server path (SignalR over WebSockets on 127.0.0.1, the hub, exec
/// into the embedded cluster's sandboxed toolbox shell, and back): keystroke-to-echo latency, one session's output
/// throughput, echo latency with 200 terminals typing at once, and server memory per idle terminal. Percentiles need
/// every sample, so these are measured directly rather than by BenchmarkDotNet; run with <c>--terminal</c>.
/// </summary>
internal static class TerminalFigures
{
    private const int Keystrokes = 1000;
    private const long FloodBytes = 200L * 1024 * 1024;
    private const int Crowd = 200;
    private const int CrowdKeystrokes = 20;
    private const int IdleTerminals = 20;
    private const int TerminalsPerLab = 4;

    public static async Task RunAsync(string? only = null)
    {
        s_only = only;
        var rows = new List<(string Figure, string Value, string Target)>();
        // 200 terminals are 50 learners with a session of 4 terminals each (each toolbox has its own budget).
        await using (var platform = TerminalPlatform.Start(new Dictionary<string, string>
        {
            ["SessionStartLimits:PerLearner"] = "100",
            ["SessionStartLimits:Overall"] = "100",
        }))
        {
            var first = await platform.StartSessionAsync();
            await MeasureAsync("keystroke echo", () => EchoAsync(platform, first, rows));
            foreach (var flood in Floods)
            {
                await MeasureAsync($"pty throughput {flood.Name}", () => PtyThroughputAsync(flood, rows));
                await MeasureAsync($"exec throughput {flood.Name}", () => ExecThroughputAsync(platform, first, flood, rows));
                await MeasureAsync($"throughput {flood.Name}", () => ThroughputAsync(platform, first, flood, rows));
            }

            await MeasureAsync("idle memory", () => IdleMemoryAsync(platform, rows));
            await MeasureAsync($"{Crowd} terminals", () => CrowdAsync(platform, rows));
        }

        Console.WriteLine();
        Console.WriteLine("| Terminal figure | Measured | Target |");
        Console.WriteLine("| --- | --- | --- |");
        foreach (var (figure, value, target) in rows)
        {
            Console.WriteLine($"| {figure} | {value} | {target} |");
        }
    }

    private static string? s_only;

    /// <summary>
    /// The floods measured: <c>yes</c> (a newline every 2 bytes, the terminal's worst case: the kernel's pty turns each
    /// into CR LF with a write of its own), and lines of 76 characters, as <c>cat</c> of a text file or a log prints.
    /// </summary>
    private static readonly (string Name, string Label, string Command)[] Floods =
    [
        ("yes", "yes", $"yes | head -c {FloodBytes}"),
        ("lines", "76-character lines, as cat of a text file", $"yes {new string('0', 75)} | head -c {FloodBytes}"),
    ];

    private static async Task MeasureAsync(string what, Func<Task> measure)
    {
        if (s_only is not null && !what.Contains(s_only, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        Console.Error.WriteLine($"terminal figures: {what}...");
        await measure();
        Console.Error.WriteLine($"terminal figures: {what} took {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s");
    }

    private static async Task EchoAsync(TerminalPlatform platform, string session, List<(string, string, string)> rows)
    {
        await using var connection = await platform.ConnectAsync();
        await using var terminal = await BenchTerminal.OpenAsync(connection, session);
        var samples = new List<double>();
        for (var i = 0; i < Keystrokes + 50; i++)
        {
            if (i % 100 == 99)
            {
                // Ctrl+U clears the typed line, so readline keeps echoing one character per key.
                await terminal.TypeAsync("\u0015");
                await Task.Delay(20);
            }

            var elapsed = await terminal.EchoAsync((char)('a' + (i % 26)));
            if (i >= 50)
            {
                samples.Add(elapsed.TotalMilliseconds);
            }
        }

        rows.Add(("Keystroke to echo, p50", Ms(Percentile(samples, 50)), "≤ 5 ms"));
        rows.Add(("Keystroke to echo, p99", Ms(Percentile(samples, 99)), "≤ 20 ms"));
        await terminal.TypeAsync("\u0015");
    }

    /// <summary>
    /// The same flood through a bare pseudo-terminal on this machine (util-linux's script(1) reads it, wc counts), with no
    /// sandbox and none of the platform: the most any terminal path here can carry.
    /// </summary>
    private static async Task PtyThroughputAsync((string Name, string Label, string Command) flood, List<(string, string, string)> rows)
    {
        var info = new ProcessStartInfo("sh") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"script -qc '{flood.Command}' /dev/null | wc -c");
        var started = Stopwatch.GetTimestamp();
        using var script = Process.Start(info) ?? throw new InvalidOperationException("sh could not be started.");
        var counted = await script.StandardOutput.ReadToEndAsync();
        await script.WaitForExitAsync();
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var bytes = long.Parse(counted.Trim(), CultureInfo.InvariantCulture);
        rows.Add(($"Pseudo-terminal alone, no sandbox or platform ({flood.Label})", string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6 / seconds:F1} MB/s ({bytes / 1e6:F0} MB in {seconds:F1} s)"), "-"));
    }

    /// <summary>The same flood read straight from the exec stream, without the hub: what the path below the terminal allows.</summary>
    private static async Task ExecThroughputAsync(TerminalPlatform platform, string sessionId, (string Name, string Label, string Command) flood, List<(string, string, string)> rows)
    {
        var session = platform.Services.GetRequiredService<ISessionRegistry>().Find(sessionId)!;
        var exec = platform.Services.GetRequiredService<IPodExec>();
        var started = Stopwatch.GetTimestamp();
        await using var stream = await exec.StartAsync(new ExecRequest(session.ToolboxNamespace, session.ToolboxPod, ["sh", "-c", flood.Command], Tty: true, Stdin: false));
        long bytes = 0;
        await foreach (var chunk in stream.ReadOutputAsync())
        {
            bytes += chunk.Data.Length;
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        rows.Add(($"Exec stream alone, no hub ({flood.Label})", string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6 / seconds:F1} MB/s ({bytes / 1e6:F0} MB in {seconds:F1} s)"), "-"));
    }

    private static async Task ThroughputAsync(TerminalPlatform platform, string session, (string Name, string Label, string Command) flood, List<(string, string, string)> rows)
    {
        await using var connection = await platform.ConnectAsync();
        await using var terminal = await BenchTerminal.OpenAsync(connection, session, $"flood-{flood.Name}");
        var before = terminal.Bytes;
        var started = Stopwatch.GetTimestamp();
        await terminal.TypeAsync($"{flood.Command}; echo flood-$((40+2))\r");
        await terminal.WaitForAsync("flood-42", TimeSpan.FromMinutes(10));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var megabytes = (terminal.Bytes - before) / 1e6;
        rows.Add(($"Output throughput of one session ({flood.Label})", string.Create(CultureInfo.InvariantCulture, $"{megabytes / seconds:F1} MB/s ({megabytes:F0} MB in {seconds:F1} s)"), "≥ 20 MB/s"));
    }

    private static async Task CrowdAsync(TerminalPlatform platform, List<(string, string, string)> rows)
    {
        // 50 learners, each with 4 terminals in their session.
        var sessions = new List<(string Id, CookieContainer Learner)>();
        for (var i = 0; i < Crowd / TerminalsPerLab; i++)
        {
            var learner = TerminalPlatform.NewLearner();
            sessions.Add((await platform.StartSessionAsync(learner: learner), learner));
        }

        var connections = new List<HubConnection>();
        var terminals = new List<BenchTerminal>();
        try
        {
            // One connection per terminal, as 200 browser tabs; opened a few at a time (each starts a sandboxed bash).
            var open = new SemaphoreSlim(8);
            var opening = Enumerable.Range(0, Crowd).Select(async i =>
            {
                await open.WaitAsync();
                try
                {
                    var (session, learner) = sessions[i / TerminalsPerLab];
                    var connection = await platform.ConnectAsync(learner);
                    var terminal = await BenchTerminal.OpenAsync(connection, session, $"{1 + (i % TerminalsPerLab)}");
                    lock (terminals)
                    {
                        connections.Add(connection);
                        terminals.Add(terminal);
                    }
                }
                finally
                {
                    open.Release();
                }
            });
            await Task.WhenAll(opening);

            var samples = new List<double>();
            await Task.WhenAll(terminals.Select(async (terminal, n) =>
            {
                // Typing at about 10 keys a second each, started at different moments: 200 people typing.
                await Task.Delay(n * 100 / Crowd * 10);
                for (var k = 0; k < CrowdKeystrokes; k++)
                {
                    var elapsed = await terminal.EchoAsync((char)('a' + (k % 26)));
                    lock (samples)
                    {
                        samples.Add(elapsed.TotalMilliseconds);
                    }

                    await Task.Delay(100);
                }
            }));
            rows.Add(($"{Crowd} terminals typing at once, echo p50", Ms(Percentile(samples, 50)), "-"));
            rows.Add(($"{Crowd} terminals typing at once, echo p99", Ms(Percentile(samples, 99)), "≤ 50 ms"));
        }
        finally
        {
            foreach (var terminal in terminals)
            {
                await terminal.DisposeAsync();
            }

            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task IdleMemoryAsync(TerminalPlatform platform, List<(string, string, string)> rows)
    {
        var shells = platform.Services.GetRequiredService<TerminalConnections>();
        var sessions = new List<(string Id, CookieContainer Learner)>();
        for (var i = 0; i < IdleTerminals / TerminalsPerLab; i++)
        {
            var learner = TerminalPlatform.NewLearner();
            sessions.Add((await platform.StartSessionAsync(learner: learner), learner));
        }

        var before = Retained();
        var shellsBefore = shells.ShellCount;
        for (var i = 0; i < IdleTerminals; i++)
        {
            // A page opens the terminal and goes away: the shell lives on, idle, for the next visit.
            var (session, learner) = sessions[i / TerminalsPerLab];
            await using var connection = await platform.ConnectAsync(learner);
            await using var terminal = await BenchTerminal.OpenAsync(connection, session, $"{1 + (i % TerminalsPerLab)}");
        }

        await Task.Delay(1000);
        var added = shells.ShellCount - shellsBefore;
        var perTerminal = (Retained() - before) / Math.Max(1, added);
        rows.Add(("Server memory per idle terminal (managed heap, platform and embedded cluster)", string.Create(CultureInfo.InvariantCulture, $"{perTerminal / 1024.0:F0} KiB ({added} shells)"), "-"));
    }

    private static long Retained()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static double Percentile(List<double> samples, int percentile)
    {
        var sorted = samples.Order().ToList();
        var index = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    private static string Ms(double milliseconds) => string.Create(CultureInfo.InvariantCulture, $"{milliseconds:F2} ms");
}
