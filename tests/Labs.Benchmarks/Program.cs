using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Labs.Benchmarks;

/// <summary>
/// Runs every benchmark (or those matching <c>--filter</c>) and prints the figures as tables:
/// <c>dotnet run -c Release --project tests/Labs.Benchmarks</c>.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        var config = DefaultConfig.Instance.WithOptions(ConfigOptions.JoinSummary);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
    }
}
