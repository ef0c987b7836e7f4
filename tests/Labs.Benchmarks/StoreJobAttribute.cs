using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Labs.Benchmarks;

/// <summary>
/// The store's figures, measured in process (so that <see cref="FigureColumn"/> can show what a setup recorded):
/// monitoring (one cold operation per iteration) for writes and restarts, throughput for reads.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StoreJobAttribute : Attribute, IConfigSource
{
    public StoreJobAttribute(RunStrategy strategy)
    {
        var job = Job.Default.WithStrategy(strategy).WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1);
        job = strategy == RunStrategy.Monitoring ? job.WithWarmupCount(1).WithIterationCount(8) : job.WithWarmupCount(3).WithIterationCount(10);
        Config = ManualConfig.CreateEmpty().AddJob(job).AddColumn(FigureColumn.PerSecond, FigureColumn.Memory);
    }

    public IConfig Config { get; }
}
