using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Labs.Benchmarks;

/// <summary>
/// Grading figures: each iteration is one grading (milliseconds, cluster state unchanged), enough of them for a p99,
/// in process against a cluster started once; p50 and p99 are shown.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class GradingJobAttribute : Attribute, IConfigSource
{
    public GradingJobAttribute()
    {
        Config = ManualConfig.CreateEmpty()
            .AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(5)
                .WithIterationCount(200))
            .AddColumn(new PercentileColumn(50), new PercentileColumn(99));
    }

    public IConfig Config { get; }
}
