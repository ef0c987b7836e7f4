using System.Collections.Concurrent;

namespace Labs.Benchmarks;

/// <summary>Figures the store benchmarks measure besides time (retained memory), shown by <see cref="FigureColumn"/>.</summary>
internal static class StoreFigures
{
    public static ConcurrentDictionary<string, string> ByBenchmark { get; } = new(StringComparer.Ordinal);
}
