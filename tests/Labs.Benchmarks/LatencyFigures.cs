using System.Collections.Concurrent;
using System.Globalization;

namespace Labs.Benchmarks;

/// <summary>
/// Latencies a benchmark records per request (across all its iterations), shown as a p99 column next to the mean:
/// BenchmarkDotNet's statistics are per invocation, and one invocation here is many requests.
/// </summary>
internal static class LatencyFigures
{
    private static readonly ConcurrentDictionary<string, ConcurrentBag<double>> Samples = new(StringComparer.Ordinal);

    /// <summary>The p99 of the latencies recorded under a benchmark case's key, as a column.</summary>
    public static readonly FigureColumn P99 = new("Request p99", (_, benchmark) =>
        Samples.TryGetValue(Key(benchmark.Descriptor.WorkloadMethod.Name, benchmark.Parameters.Items.Select(p => p.Value)), out var samples) && !samples.IsEmpty
            ? $"{Percentile(samples, 0.99).ToString("0.00", CultureInfo.InvariantCulture)} ms"
            : null,
        "99th percentile of the single requests' (or watch events') latency over all iterations");

    /// <summary>The key of a benchmark method with its parameter values.</summary>
    public static string Key(string method, IEnumerable<object?> parameters) => $"{method}({string.Join(",", parameters)})";

    /// <summary>Records one request's latency in milliseconds.</summary>
    public static void Record(string key, double milliseconds) => Samples.GetOrAdd(key, _ => []).Add(milliseconds);

    private static double Percentile(IEnumerable<double> samples, double fraction)
    {
        var sorted = samples.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
    }
}
