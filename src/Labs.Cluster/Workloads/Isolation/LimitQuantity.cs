using System.Globalization;

namespace Labs.Cluster.Workloads.Isolation;

/// <summary>Reads a Kubernetes quantity (<c>512Mi</c>, <c>1.5</c>, <c>250m</c>, <c>1e9</c>) as a number.</summary>
internal static class LimitQuantity
{
    private static readonly (string Suffix, decimal Factor)[] Suffixes =
    [
        ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024),
        ("Pi", 1024m * 1024 * 1024 * 1024 * 1024), ("Ei", 1024m * 1024 * 1024 * 1024 * 1024 * 1024),
        ("n", 0.000000001m), ("u", 0.000001m), ("m", 0.001m), ("k", 1e3m), ("M", 1e6m), ("G", 1e9m), ("T", 1e12m), ("P", 1e15m), ("E", 1e18m),
    ];

    /// <summary>The value of a quantity, or null when it is not one.</summary>
    public static decimal? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var factor = 1m;
        var number = text;
        foreach (var (suffix, value) in Suffixes)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal) && text.Length > suffix.Length)
            {
                factor = value;
                number = text[..^suffix.Length];
                break;
            }
        }

        try
        {
            return decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n * factor : null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
