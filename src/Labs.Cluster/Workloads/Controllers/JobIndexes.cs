using System.Globalization;
using System.Text;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>
/// The completion indexes of an Indexed Job: the pod annotation (and label) that numbers a pod, and the interval text of
/// <c>status.completedIndexes</c> (<c>1,3-5,7</c>).
/// </summary>
internal static class JobIndexes
{
    /// <summary>The annotation and label holding a pod's completion index.</summary>
    public const string Annotation = "batch.kubernetes.io/job-completion-index";

    /// <summary>The indexes an interval text names; what does not parse is skipped, as the real controller does.</summary>
    public static SortedSet<int> Parse(string? text)
    {
        var indexes = new SortedSet<int>();
        foreach (var part in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split('-');
            if (bounds.Length is 1 or 2 && int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var low))
            {
                var high = low;
                if (bounds.Length == 2 && (!int.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out high) || high < low || high - low > 1_000_000))
                {
                    continue;
                }

                for (var i = low; i <= high; i++)
                {
                    indexes.Add(i);
                }
            }
        }

        return indexes;
    }

    /// <summary>The interval text of a set of indexes: runs of two or more as <c>low-high</c>.</summary>
    public static string Format(IEnumerable<int> indexes)
    {
        var text = new StringBuilder();
        int? start = null, end = null;
        void Flush()
        {
            if (start is null)
            {
                return;
            }

            text.Append(text.Length > 0 ? "," : string.Empty).Append(start.Value.ToString(CultureInfo.InvariantCulture));
            if (end != start)
            {
                text.Append('-').Append(end!.Value.ToString(CultureInfo.InvariantCulture));
            }
        }

        foreach (var i in indexes.Order())
        {
            if (end is { } e && i == e + 1)
            {
                end = i;
                continue;
            }

            if (end == i)
            {
                continue;
            }

            Flush();
            (start, end) = (i, i);
        }

        Flush();
        return text.ToString();
    }
}
