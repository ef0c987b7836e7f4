using System.Diagnostics;
using Labs.Cluster.CrashWriter;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Tests.Store;

/// <summary>
/// <c>kill -9</c> at random moments: a child process writes through the durable store as fast as it can and is killed
/// with SIGKILL (at times before it is even ready: while it recovers what the previous one left), then the store is
/// opened again and must hold every acknowledged write, nothing half-written, resourceVersions that only went up,
/// and a replayable history in which every acknowledged write has the resourceVersion it was acknowledged with.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private const int Runs = 12;
    private const int Writers = 4;

    // A streaming run is killed only after this many acknowledgements, so a slow, busy machine still tests something.
    private const int AcksBeforeKill = 15;
    private static readonly TimeSpan MostTime = TimeSpan.FromSeconds(150);

    private readonly StoreDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Every_acknowledged_write_survives_a_kill_at_a_random_moment_and_nothing_half_written_does()
    {
        var random = new Random(Environment.TickCount);
        var ledger = new CrashLedger();
        var started = Stopwatch.StartNew();
        var acknowledged = 0;
        for (var run = 0; run < Runs && started.Elapsed < MostTime; run++)
        {
            // Most kills fall while writes stream; every third is at a random moment from the process start.
            var early = run % 3 == 2;
            var delay = TimeSpan.FromMilliseconds(early ? random.Next(0, 600) : random.Next(20, 400));
            var acks = await RunAndKillAsync(run, early, delay);
            acknowledged += acks.Count;
            ledger.Record(run, Writers, acks);

            // Every other run is checked straight away; the others leave the next child to recover the crash (and be killed in turn).
            if (run % 2 == 1 || run == Runs - 1)
            {
                using var store = DurableObjectStore.Open(_directory.FilePath);
                ledger.Verify(store);
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{Runs} children killed in {started.Elapsed.TotalSeconds:F1} s, {acknowledged} writes acknowledged and found");
        Assert.True(acknowledged > 100, $"the children acknowledged only {acknowledged} writes: the test did not test much");
    }

    /// <summary>Starts a child, kills it with SIGKILL <paramref name="delay"/> after it started (or after it was ready), and returns its acknowledgements.</summary>
    private async Task<List<(string Key, long Seq, long ResourceVersion)>> RunAndKillAsync(int run, bool fromStart, TimeSpan delay)
    {
        // The dotnet that runs the tests (dotnet test says which), else the one on PATH.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { typeof(CrashWorkload).Assembly.Location, _directory.FilePath, run.ToString(System.Globalization.CultureInfo.InvariantCulture), Writers.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var child = Process.Start(start) ?? throw new InvalidOperationException("the crash writer did not start");
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var streaming = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lines = new List<string>();
        var reading = Task.Run(async () =>
        {
            while (await child.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line == "ready")
                {
                    ready.TrySetResult();
                }

                lines.Add(line);
                if (lines.Count > AcksBeforeKill)
                {
                    streaming.TrySetResult();
                }
            }

            ready.TrySetResult();
            streaming.TrySetResult();
        });
        var errors = child.StandardError.ReadToEndAsync();
        if (!fromStart)
        {
            await ready.Task.WaitAsync(MostTime, TestContext.Current.CancellationToken);
            await streaming.Task.WaitAsync(MostTime, TestContext.Current.CancellationToken);
        }

        await Task.Delay(delay, TestContext.Current.CancellationToken);
        var killed = !child.HasExited;
        if (killed)
        {
            child.Kill(); // SIGKILL on Linux: no finally block, no flush, no close of the store.
        }

        await child.WaitForExitAsync(TestContext.Current.CancellationToken);
        await reading;
        Assert.True(killed, $"the crash writer ended by itself (exit {child.ExitCode}): {await errors}");
        return [.. lines.Select(CrashWorkload.ParseAck).OfType<(string, long, long)>()];
    }
}
