using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Labs.Benchmarks;

/// <summary>A column of figures that are not a time: operations per second, or what a benchmark recorded in <see cref="StoreFigures"/>.</summary>
internal sealed class FigureColumn(string name, Func<Summary, BenchmarkCase, string?> value, string? legend = null) : IColumn
{
    /// <summary>Operations per second, for benchmarks that count many operations per invocation (e.g. acknowledged writes).</summary>
    public static readonly FigureColumn PerSecond = new("Per second", (summary, benchmark) =>
        benchmark.Descriptor.OperationsPerInvoke > 1 && summary[benchmark]?.ResultStatistics?.Mean is { } ns and > 0
            ? (1e9 / ns).ToString("N0", CultureInfo.InvariantCulture)
            : null);

    /// <summary>What the benchmark recorded about memory.</summary>
    public static readonly FigureColumn Memory = new("Memory per 1,000 objects", (_, benchmark) =>
        StoreFigures.ByBenchmark.TryGetValue(benchmark.Descriptor.WorkloadMethod.Name, out var figure) ? figure : null);

    public string Id => "Labs." + name;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend ?? (name == "Per second" ? "Operations per second (1 s / Mean)" : "Memory the store keeps per 1,000 stored objects");

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => value(summary, benchmarkCase) ?? "-";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
