using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Labs.Benchmarks;

/// <summary>
/// Runs every benchmark (or those matching <c>--filter</c>) and prints the figures as tables:
/// <c>dotnet run -c Release --project tests/Labs.Benchmarks</c>; <c>-- --terminal</c> prints only the terminal's figures,
/// <c>-- --sessions</c> only the session figures, <c>-- --workloads</c> only the workload figures.
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

        if (args is ["--workloads"])
        {
            await WorkloadFigures.RunAsync();
            return;
        }

        if (args is ["--terminal", ..])
        {
            // "--terminal throughput" measures only the figures whose name contains the word.
            await TerminalFigures.RunAsync(args.Length > 1 ? args[1] : null);
            return;
        }

        var config = DefaultConfig.Instance.WithOptions(ConfigOptions.JoinSummary);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args, config);
        if (args.Length == 0)
        {
            await TerminalFigures.RunAsync();
            await SessionFigures.RunAsync();
            await WorkloadFigures.RunAsync();
        }
    }
}
