using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Labs.Benchmarks;

/// <summary>
/// End-to-end figures: each operation takes milliseconds to seconds and changes cluster state, so each iteration is
/// one cold operation (monitoring strategy), measured in process against a cluster started once.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PlatformJobAttribute : Attribute, IConfigSource
{
    public PlatformJobAttribute()
    {
        Config = ManualConfig.CreateEmpty().AddJob(
            Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(2)
                .WithIterationCount(10));
    }

    public IConfig Config { get; }
}
