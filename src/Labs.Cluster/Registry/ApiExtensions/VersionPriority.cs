using System.Globalization;
using System.Text.RegularExpressions;

namespace Labs.Cluster.Registry.ApiExtensions;

/// <summary>
/// Kubernetes' version priority (apimachinery's CompareKubeAwareVersionStrings): GA before beta before alpha, higher
/// numbers first within each, then versions that are not Kubernetes-like, alphabetically.
/// </summary>
internal static partial class VersionPriority
{
    /// <summary>Orders versions from the most preferred.</summary>
    public static IComparer<string?> Comparer { get; } = Comparer<string?>.Create(Compare);

    private static int Compare(string? x, string? y)
    {
        var (xRank, xMajor, xMinor) = Parse(x ?? string.Empty);
        var (yRank, yMajor, yMinor) = Parse(y ?? string.Empty);
        if (xRank != yRank)
        {
            return xRank.CompareTo(yRank);
        }

        if (xRank == 3)
        {
            return string.CompareOrdinal(x, y);
        }

        return xMajor != yMajor ? yMajor.CompareTo(xMajor) : yMinor.CompareTo(xMinor);
    }

    // Rank 0 GA, 1 beta, 2 alpha, 3 anything else.
    private static (int Rank, int Major, int Minor) Parse(string version)
    {
        var match = KubeVersion().Match(version);
        if (!match.Success)
        {
            return (3, 0, 0);
        }

        var major = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var minor = match.Groups[3].Success ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
        return match.Groups[2].Value switch
        {
            "" => (0, major, 0),
            "beta" => (1, major, minor),
            _ => (2, major, minor),
        };
    }

    [GeneratedRegex("^v([1-9][0-9]*)(?:(alpha|beta)([1-9][0-9]*))?$")]
    private static partial Regex KubeVersion();
}
