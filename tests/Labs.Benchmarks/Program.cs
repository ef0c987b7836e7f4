using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Labs.Benchmarks;

/// <summary>
/// Runs every benchmark (or those matching <c>--filter</c>) and prints the figures as tables:
/// <c>dotnet run -c Release --project tests/Labs.Benchmarks</c>; <c>-- --sessions</c> prints only the session figures.
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is ["--sessions"])
        {
            await SessionFigures.RunAsync();
            return;
        }

        var config = DefaultConfig.Instance.WithOptions(ConfigOptions.JoinSummary);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
        if (args.Length == 0)
        {
            await SessionFigures.RunAsync();
        }
    }
}
